package probe

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/vetfolio/vetfolio/internal/scan"
)

var (
	errCap         = errors.New("not sent: the probe's request cap was reached")
	errMethod      = errors.New("method not allowed: the probe only sends GET, HEAD and OPTIONS")
	errTooManyHops = fmt.Errorf("stopped after %d redirects (a redirect loop?)", MaxRedirects)
)

// client sends the probe's requests: it enforces the method whitelist, the
// request cap, the per-request timeout, the body cap and the concurrency.
type client struct {
	cfg      Config
	follow   *http.Client // follows up to MaxRedirects redirects
	noFollow *http.Client // returns redirects as they are

	sem chan struct{}

	mu       sync.Mutex
	sent     int
	capped   bool
	redirect int // redirects followed, for tests and notes
}

func newClient(cfg Config) *client {
	dialer := &net.Dialer{Timeout: cfg.RequestTimeout, KeepAlive: 30 * time.Second}
	if !cfg.UserGiven && !cfg.AllowPrivate {
		dialer.Control = guard
	}
	tr := &http.Transport{
		// No proxy: the address checks must apply to the service itself,
		// and a proxy from the environment would hide it.
		Proxy:                  nil,
		DialContext:            dialer.DialContext,
		TLSClientConfig:        &tls.Config{RootCAs: cfg.RootCAs, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    cfg.RequestTimeout,
		ResponseHeaderTimeout:  cfg.RequestTimeout,
		MaxIdleConnsPerHost:    cfg.Concurrency,
		MaxResponseHeaderBytes: 64 << 10,
		ForceAttemptHTTP2:      true,
	}
	c := &client{cfg: cfg, sem: make(chan struct{}, cfg.Concurrency)}
	rt := &limitTransport{c: c, next: tr}
	c.follow = &http.Client{Transport: rt, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) > MaxRedirects {
			return errTooManyHops
		}
		if req.URL.Host != via[0].URL.Host || req.URL.Scheme != via[0].URL.Scheme {
			// The user's credentials go to the deployed origin only.
			for name := range cfg.AuthHeaders {
				req.Header.Del(name)
			}
		}
		c.mu.Lock()
		c.redirect++
		c.mu.Unlock()
		return nil
	}}
	c.noFollow = &http.Client{Transport: rt, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	return c
}

func (c *client) close() {
	if lt, ok := c.follow.Transport.(*limitTransport); ok {
		if tr, ok := lt.next.(*http.Transport); ok {
			tr.CloseIdleConnections()
		}
	}
}

// take counts one request, or reports that the cap is reached.
func (c *client) take() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sent >= c.cfg.MaxRequests {
		c.capped = true
		return false
	}
	c.sent++
	return true
}

func (c *client) requests() (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sent, c.capped
}

// limitTransport is the last line of the whitelist and the cap: every
// request, redirects included, passes here.
type limitTransport struct {
	c    *client
	next http.RoundTripper
}

func (t *limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
	default:
		return nil, errMethod
	}
	if !t.c.take() {
		return nil, errCap
	}
	return t.next.RoundTrip(req)
}

// response is what one request saw.
type response struct {
	// path is the request's path (and query), as reported in evidence.
	path    string
	status  int
	header  http.Header
	body    []byte
	cut     bool // body longer than the cap
	latency time.Duration
	tls     *tls.ConnectionState
	final   *url.URL
	err     error
}

func (r *response) ok() bool { return r.err == nil && r.status >= 200 && r.status < 300 }

func (r *response) contentType() string {
	if r.header == nil {
		return ""
	}
	ct := strings.ToLower(r.header.Get("Content-Type"))
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return strings.TrimSpace(ct)
}

func (r *response) isJSON() bool {
	ct := r.contentType()
	return ct == "application/json" || strings.HasSuffix(ct, "+json")
}

func (r *response) isHTML() bool { return r.contentType() == "text/html" }

// do sends one request and reads its body up to the cap. It never returns
// a Go error: failures are in response.err.
func (c *client) do(ctx context.Context, method string, u *url.URL, hdr http.Header, follow bool) *response {
	res := &response{path: u.RequestURI()}
	select {
	case c.sem <- struct{}{}:
		defer func() { <-c.sem }()
	case <-ctx.Done():
		res.err = ctx.Err()
		return res
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), nil)
	if err != nil {
		res.err = err
		return res
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json, */*;q=0.5")
	}
	hc := c.noFollow
	if follow {
		hc = c.follow
	}
	start := time.Now()
	// Latency is to the complete answer, body included, as a visitor
	// waits for it.
	defer func() { res.latency = time.Since(start) }()
	resp, err := hc.Do(req)
	if err != nil {
		res.err = err
		return res
	}
	defer resp.Body.Close()
	res.status, res.header, res.tls, res.final = resp.StatusCode, resp.Header, resp.TLS, resp.Request.URL
	if method != http.MethodHead {
		body, err := io.ReadAll(io.LimitReader(resp.Body, c.cfg.MaxBody+1))
		if int64(len(body)) > c.cfg.MaxBody {
			body, res.cut = body[:c.cfg.MaxBody], true
		}
		res.body = body
		if err != nil && !res.cut {
			// Headers came; the body trickled past the timeout or broke.
			res.err = err
		}
	}
	return res
}

// userinfo runs to the last @ before the path: a password may hold one.
var userinfo = scan.MustCompile(`(?i)([a-z][a-z0-9+.-]*://)[^/\s]*@`)

// redact hides user information in every URL of s.
func redact(s string) string { return userinfo.ReplaceAllString(s, "${1}***@") }

// describe turns a request error into a clear one-line finding.
func describe(err error, timeout time.Duration) string {
	var (
		blocked  *BlockedError
		dnsErr   *net.DNSError
		unknown  x509.UnknownAuthorityError
		invalid  x509.CertificateInvalidError
		hostname x509.HostnameError
		recErr   tls.RecordHeaderError
	)
	switch {
	case err == nil:
		return ""
	case errors.As(err, &blocked):
		return blocked.Error()
	case errors.Is(err, errCap), errors.Is(err, errMethod), errors.Is(err, errTooManyHops):
		return unwrapURL(err).Error()
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return fmt.Sprintf("DNS lookup failed: no such host %s", dnsErr.Name)
		}
		return fmt.Sprintf("DNS lookup of %s failed: %s", dnsErr.Name, dnsErr.Err)
	case errors.As(err, &unknown):
		return "TLS certificate not trusted: signed by an unknown authority (self-signed?)"
	case errors.As(err, &invalid):
		if invalid.Reason == x509.Expired {
			return "TLS certificate expired or not yet valid: " + redact(invalid.Error())
		}
		return "TLS certificate invalid: " + redact(invalid.Error())
	case errors.As(err, &hostname):
		return "TLS certificate is not valid for this host name: " + redact(hostname.Error())
	case errors.As(err, &recErr):
		return "the server does not speak TLS on this port"
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return fmt.Sprintf("no complete answer within %s", timeout)
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed by the server before a complete answer"
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "host unreachable"
	}
	return redact(unwrapURL(err).Error())
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// unwrapURL drops the "Get \"https://...\":" prefix of *url.Error, which
// would repeat the URL in every message.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// isTLSError reports whether err is about the certificate or handshake.
func isTLSError(err error) bool {
	var (
		unknown  x509.UnknownAuthorityError
		invalid  x509.CertificateInvalidError
		hostname x509.HostnameError
		verify   *tls.CertificateVerificationError
	)
	return errors.As(err, &unknown) || errors.As(err, &invalid) || errors.As(err, &hostname) || errors.As(err, &verify)
}

// RedactURL returns raw with any user information (user name, password,
// token) replaced by "***", for reports and messages.
func RedactURL(raw string) string { return redact(raw) }
