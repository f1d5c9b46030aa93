package org.oscartransport.http.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which addresses the default policy refuses, and what the admin can open up. */
class AddressPolicyTest {

    private final AddressPolicy defaults = new AddressPolicy(FetchPolicy.defaults());

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1",
            "100.64.0.1", "100.127.255.254", "169.254.169.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.1.1.1",
            "255.255.255.255", "240.0.0.1", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "64:ff9b::a00:1", "::7f00:1"})
    void refusesEveryNonPublicAddressByDefault(String literal) throws Exception {
        InetSocketAddress destination = new InetSocketAddress(InetAddress.getByName(literal), 443);
        assertThatThrownBy(() -> defaults.check(destination))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessageContaining("address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
            "::ffff:8.8.8.8"})
    void acceptsPublicAddresses(String literal) throws Exception {
        InetSocketAddress destination = new InetSocketAddress(InetAddress.getByName(literal), 443);
        assertThatCode(() -> defaults.check(destination)).doesNotThrowAnyException();
    }

    @Test
    void anIpv4MappedAddressKeptInIpv6FormIsStillRefused() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1); // Java keeps it an Inet6Address
        assertThat(address).isInstanceOf(Inet6Address.class);

        assertThatThrownBy(() -> defaults.check(new InetSocketAddress(address, 80)))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessageContaining("IPv4-embedded loopback");
    }

    @Test
    void anAllowedRangeOpensOnlyThatRange() throws Exception {
        AddressPolicy policy = new AddressPolicy(FetchPolicy.defaults()
                .withAllowedRanges(List.of(AddressRange.parse("10.1.0.0/16"))));

        assertThatCode(() -> policy.check(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 80)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check(new InetSocketAddress(InetAddress.getByName("10.2.0.1"), 80)))
                .isInstanceOf(FetchRefusedException.class);
    }

    @Test
    void theTransportsOwnPortsAreRefusedOnThisHostEvenWhenPrivateAddressesAreAllowed() throws Exception {
        AddressPolicy policy = new AddressPolicy(FetchPolicy.defaults().withPrivateAddresses(true)
                .withRefusedOwnPorts(Set.of(5280)));

        assertThatThrownBy(() -> policy.check(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5280)))
                .isInstanceOf(FetchRefusedException.class).hasMessageContaining("transport's own");
        assertThatThrownBy(() -> policy.check(new InetSocketAddress(InetAddress.getByName("::1"), 5280)))
                .isInstanceOf(FetchRefusedException.class);
        assertThatCode(() -> policy.check(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5281)))
                .doesNotThrowAnyException();
        // Another machine's port 5280 is not ours.
        assertThatCode(() -> policy.check(new InetSocketAddress(InetAddress.getByName("192.0.2.10"), 5280)))
                .doesNotThrowAnyException();
    }

    @Test
    void rangesParseAndMatch() {
        assertThat(AddressRange.parse("10.0.0.0/8").toString()).isEqualTo("10.0.0.0/8");
        assertThat(AddressRange.parse("10.9.9.9/8")).isEqualTo(AddressRange.parse("10.0.0.0/8"));
        assertThat(AddressRange.parse("fc00::/7").toString()).isEqualTo("fc00:0:0:0:0:0:0:0/7");
        assertThatThrownBy(() -> AddressRange.parse("example.org/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }
}
