package github

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"

	"github.com/vetfolio/vetfolio/internal/probe"
)

// downloadGuard keeps the tarball download, which goes wherever the API's
// archive link (and its redirects) point, off non-public addresses: a
// hostile API could aim it at 169.254.169.254 or the auditor's own
// services. Loopback is allowed only when the API itself is on loopback
// (a local fake server, as in the tests).
type downloadGuard struct{ allowLoopback bool }

func newDownloadGuard(api *url.URL) downloadGuard {
	return downloadGuard{allowLoopback: hostKind(api.Hostname()) == "loopback"}
}

// hostKind judges a URL's host by name: an IP literal by its address,
// localhost as loopback; other names are judged when dialled.
func hostKind(host string) string {
	if h := strings.ToLower(strings.TrimSuffix(host, ".")); h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return "loopback"
	}
	if addr, err := netip.ParseAddr(host); err == nil {
		return probe.NonPublic(addr)
	}
	return ""
}

func (g downloadGuard) refuse(kind string) bool {
	return kind != "" && !(kind == "loopback" && g.allowLoopback)
}

// checkURL refuses a download or redirect URL whose host is a non-public
// address by its name alone.
func (g downloadGuard) checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("refused to download from %s: not an http(s) URL", redactUserinfo(u.Redacted()))
	}
	if kind := hostKind(u.Hostname()); g.refuse(kind) {
		return fmt.Errorf("refused to download from %s (%s address): the API pointed the tarball at a non-public address", u.Host, kind)
	}
	return nil
}

// control checks the address actually dialled, after DNS resolution.
func (g downloadGuard) control(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("refused to dial %s: not a numeric address", address)
	}
	if kind := probe.NonPublic(addr); g.refuse(kind) {
		return fmt.Errorf("refused to connect to %s (%s address): the API pointed the tarball at a non-public address", addr, kind)
	}
	return nil
}

// guardedTransport dials directly with the address check; through a
// proxy from the environment the dialled address is the proxy's, so
// there only the URL check (checkURL) applies.
func (g downloadGuard) transport() http.RoundTripper {
	direct := http.DefaultTransport.(*http.Transport).Clone()
	direct.Proxy = nil
	dialer := &net.Dialer{Control: g.control}
	direct.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		return dialer.DialContext(ctx, network, addr)
	}
	return proxyOrDirect{direct: direct, proxied: http.DefaultTransport}
}

type proxyOrDirect struct{ direct, proxied http.RoundTripper }

func (p proxyOrDirect) RoundTrip(req *http.Request) (*http.Response, error) {
	if u, err := http.ProxyFromEnvironment(req); err == nil && u != nil {
		return p.proxied.RoundTrip(req)
	}
	return p.direct.RoundTrip(req)
}
