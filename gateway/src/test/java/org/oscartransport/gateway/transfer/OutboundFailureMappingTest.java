package org.oscartransport.gateway.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.oscartransport.oscar.oft.OftTransferException;
import org.oscartransport.oscar.rendezvous.CancelReason;
import org.oscartransport.oscar.rendezvous.TransferCancelledException;

/** How the reasons an OFT send ends become the XMPP error the Jabber user's client shows. */
class OutboundFailureMappingTest {

    @Test
    void theContactsCancelIsADecline() {
        OutboundTransfers.TransferFailure mapped = OutboundTransfers.map(new CompletionException(
                new TransferCancelledException("200062 cancelled the transfer", true, CancelReason.USER)));
        assertThat(mapped.condition()).isEqualTo("not-acceptable");
        assertThat(mapped.getMessage()).isEqualTo("the ICQ contact declined the file");
    }

    @Test
    void theContactsClientGivingUpIsABrokenTransferNotADecline() {
        OutboundTransfers.TransferFailure mapped = OutboundTransfers.map(new CompletionException(
                new TransferCancelledException("200062 gave up on the transfer", true, CancelReason.UNKNOWN)));
        assertThat(mapped.condition()).isEqualTo("undefined-condition");
        assertThat(mapped.getMessage()).isEqualTo("the transfer to the ICQ contact broke off: "
                + "200062 gave up on the transfer");
    }

    @Test
    void aHangUpWithoutCancelIsTheSameBrokenTransfer() {
        OutboundTransfers.TransferFailure mapped = OutboundTransfers.map(
                new OftTransferException("data connection closed after 65536 of 1048576 bytes"));
        assertThat(mapped.condition()).isEqualTo("undefined-condition");
        assertThat(mapped.getMessage()).startsWith("the transfer to the ICQ contact broke off: ");
    }

    @Test
    void ourOwnCancelIsNeverBlamedOnTheContact() {
        OutboundTransfers.TransferFailure mapped = OutboundTransfers.map(
                new TransferCancelledException("the transport is stopping", false, CancelReason.UNKNOWN));
        assertThat(mapped.condition()).isEqualTo("undefined-condition");
        assertThat(mapped.getMessage()).startsWith("the transfer was cancelled: ");
    }
}
