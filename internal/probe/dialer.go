package probe

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// ErrBlockedAddress is returned (wrapped in a *BlockedError) when a
// connection to a non-public address is refused.
var ErrBlockedAddress = errors.New("address is not public")

// BlockedError says which address the dialer refused and why.
type BlockedError struct {
	Addr netip.Addr
	// Kind is loopback, private, link-local, metadata, cgnat, unspecified,
	// multicast or reserved.
	Kind string
}

func (e *BlockedError) Error() string {
	return fmt.Sprintf("refused to connect to %s (%s address): a URL found in the repository is not probed on non-public addresses (use --allow-private)", e.Addr, e.Kind)
}

// Unwrap lets errors.Is match ErrBlockedAddress.
func (e *BlockedError) Unwrap() error { return ErrBlockedAddress }

var (
	cgnat     = netip.MustParsePrefix("100.64.0.0/10")
	thisNet   = netip.MustParsePrefix("0.0.0.0/8")
	reserved4 = []netip.Prefix{
		netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
		netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
		netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
		netip.MustParsePrefix("192.0.2.0/24"),    // documentation
		netip.MustParsePrefix("198.51.100.0/24"), // documentation
		netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	}
	// nat64 embeds an IPv4 address in its last 32 bits.
	nat64 = netip.MustParsePrefix("64:ff9b::/96")
	// awsIPv6Metadata is the EC2 instance metadata service over IPv6.
	awsIPv6Metadata = netip.MustParseAddr("fd00:ec2::254")
	metadataV4      = netip.MustParseAddr("169.254.169.254")
)

// classify returns why addr is not public, or "" when it is.
func classify(addr netip.Addr) string {
	addr = addr.Unmap()
	if addr.Is6() && nat64.Contains(addr) {
		b := addr.As16()
		return classify(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
	}
	switch {
	case !addr.IsValid():
		return "invalid"
	case addr == metadataV4, addr == awsIPv6Metadata:
		return "metadata"
	case addr.IsUnspecified(), addr.Is4() && thisNet.Contains(addr):
		return "unspecified"
	case addr.IsLoopback():
		return "loopback"
	case addr.IsPrivate():
		return "private"
	case addr.IsLinkLocalUnicast(), addr.IsLinkLocalMulticast():
		return "link-local"
	case addr.Is4() && cgnat.Contains(addr):
		return "cgnat"
	case addr.IsMulticast(), addr.IsInterfaceLocalMulticast():
		return "multicast"
	}
	if addr.Is4() {
		for _, p := range reserved4 {
			if p.Contains(addr) {
				return "reserved"
			}
		}
	}
	return ""
}

// guard is a net.Dialer Control function that refuses non-public
// addresses. It sees the address being dialled after DNS resolution, so a
// host name that resolves (or re-resolves) to 127.0.0.1 is caught too.
func guard(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("dial %s: %w", network, err)
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		// Control always gets a numeric address; anything else is refused.
		return &BlockedError{Kind: "unresolved"}
	}
	if kind := classify(addr); kind != "" {
		return &BlockedError{Addr: addr.Unmap(), Kind: kind}
	}
	return nil
}

// NonPublic says why addr is not a public address (loopback, private,
// link-local, metadata, ...), or "" when it is; other packages that fetch
// a URL they were handed (the tarball download's redirect) use the same
// judgement as the probe.
func NonPublic(addr netip.Addr) string { return classify(addr) }
