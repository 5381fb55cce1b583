package dev.sockets.internal;

import dev.sockets.AddressError;
import dev.sockets.Host;
import io.vavr.control.Either;
import java.net.Inet6Address;
import java.net.InetAddress;

/** STUB: replaced by the full parser (issue 2). */
public final class Ipv6Parser {
    private Ipv6Parser() {
    }

    public static Either<AddressError, Host.Ipv6> parse(String text) {
        int pct = text.indexOf('%');
        String zone = pct < 0 ? "" : text.substring(pct + 1);
        String addr = pct < 0 ? text : text.substring(0, pct);
        try {
            InetAddress a = InetAddress.getByName("[" + addr + "]");
            byte[] b = a.getAddress();
            if (b.length != 16) {
                b = java.util.Arrays.copyOf(new byte[] {0,0,0,0,0,0,0,0,0,0,(byte)0xff,(byte)0xff}, 16);
                System.arraycopy(a.getAddress(), 0, b, 12, 4);
            }
            return Either.right(new Host.Ipv6(Bits.longAt(b, 0), Bits.longAt(b, 8), zone));
        } catch (Exception e) {
            return Either.left(new AddressError(text, -1, "not an IPv6 address", ""));
        }
    }

    public static String format(long high, long low, String zone) {
        byte[] b = new byte[16];
        Bits.putLong(b, 0, high);
        Bits.putLong(b, 8, low);
        try {
            String s = ((Inet6Address) Inet6Address.getByAddress(null, b, -1)).getHostAddress();
            return zone.isEmpty() ? s : s + "%" + zone;
        } catch (Exception e) {
            return "?";
        }
    }
}
