package org.oscartransport.gateway.transfer;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.component.ContactJids;
import org.oscartransport.gateway.component.XmppOut;
import org.oscartransport.gateway.metrics.TransferMetrics;
import org.oscartransport.gateway.session.UserSession;
import org.oscartransport.gateway.store.UserSettingsCache;
import org.oscartransport.http.endpoint.TransferEndpoints;
import org.oscartransport.oscar.session.IncomingFileOffer;
import org.oscartransport.oscar.session.OscarSession;
import org.xmpp.packet.JID;

/**
 * An ICQ offer announcing 4 GiB or more (TLV 0x2713, oscar.md §8.8) cannot come through OFT2's 32-bit sizes: it is
 * refused before any endpoint opens, and both sides are told why.
 */
class InboundTransfersTest {

    private final TransferEndpoints endpoints = mock(TransferEndpoints.class);
    private final OscarSession oscar = mock(OscarSession.class);
    private final UserSession user = mock(UserSession.class);
    private final IncomingFileOffer offer = mock(IncomingFileOffer.class);
    private final InboundTransfers transfers = new InboundTransfers(endpoints, mock(XmppOut.class),
            mock(ContactJids.class), Duration.ofHours(1), mock(TransferMetrics.class), new ActiveTransfers(),
            mock(UserSettingsCache.class), new TransferLimits(TransferLimits.OFT_MAX_SIZE, 5, 100));

    @Test
    void anOfferOfFourGibibytesIsCancelledWithAReasonToTheContactAndTheUser() {
        when(user.bareJid()).thenReturn(new JID("ann@example.org"));
        when(user.oscar()).thenReturn(Optional.of(oscar));
        when(offer.fromUin()).thenReturn("200002");
        when(offer.fileName()).thenReturn("backup.img");
        when(offer.size()).thenReturn(4L << 30);
        when(offer.fileCount()).thenReturn(1);
        when(offer.cookie()).thenReturn(new byte[8]);

        transfers.offer(user, offer);

        verify(offer).cancel();
        verify(oscar).sendMessage("200002", "[File backup.img not accepted: ICQ cannot carry files of 4 GiB or more]");
        verify(user).sendFromContact("200002",
                "[File backup.img (4.0 GiB) was refused: ICQ cannot carry files of 4 GiB or more]");
        verify(endpoints, never()).open(any(), any(), any(), any(), any());
    }
}
