package github

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	gh "github.com/google/go-github/v60/github"
	"golang.org/x/oauth2"
)

// Options tune how a repository is read.
type Options struct {
	// Ref is a branch, tag or SHA; empty means the ref in the target's URL,
	// then the default branch.
	Ref string
	// NoCache neither reads nor writes the on-disk cache.
	NoCache bool
	// Wait waits for an exhausted primary rate limit to reset, with a
	// countdown on Progress, instead of failing.
	Wait bool
	// CommitCap is the most commits read; 0 means DefaultCommitCap.
	CommitCap int
	// Env looks up environment variables; nil means os.LookupEnv.
	Env func(string) (string, bool)
	// Progress receives the rate-limit countdown; nil means none.
	Progress io.Writer
	// Timeout bounds each API request (default 30s) and the wait for the
	// tarball's first byte.
	Timeout time.Duration
	// DownloadDeadline bounds a tarball download in all, however steadily
	// it trickles (default 10 × Timeout).
	DownloadDeadline time.Duration
	// Transport replaces http.DefaultTransport (tests).
	Transport http.RoundTripper
	// TokenCommand prints a token (default: `gh auth token`, when gh is
	// installed); tests replace it.
	TokenCommand func(ctx context.Context) (string, error)
	// Sleep waits for d or until ctx ends (tests make it instant).
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock (tests fix it).
	Now func() time.Time
	// Stats, when set, receives the request counters.
	Stats *Stats
}

// DefaultCommitCap is how many commits are read when Options.CommitCap is 0.
const DefaultCommitCap = 1000

// maxRetries bounds the retries after a secondary rate limit.
const maxRetries = 3

func (o *Options) getenv(k string) string {
	if o.Env == nil {
		return os.Getenv(k)
	}
	v, _ := o.Env(k)
	return v
}

func (o *Options) defaults() {
	if o.CommitCap <= 0 {
		o.CommitCap = DefaultCommitCap
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.DownloadDeadline <= 0 {
		o.DownloadDeadline = 10 * o.Timeout
	}
	if o.Transport == nil {
		o.Transport = http.DefaultTransport
	}
	if o.TokenCommand == nil {
		path := o.getenv("PATH")
		o.TokenCommand = func(ctx context.Context) (string, error) { return ghAuthToken(ctx, path) }
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Stats == nil {
		o.Stats = &Stats{}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// token is a token and where it came from; the value is never printed.
type token struct {
	value  string
	source string
}

// ghAuthToken asks the GitHub CLI for its token, briefly. gh is looked for
// on the PATH of the environment the audit was given, so a test's
// environment without PATH never reaches the developer's own gh login.
func ghAuthToken(ctx context.Context, pathList string) (string, error) {
	bin := ""
	for _, d := range filepath.SplitList(pathList) {
		if d == "" {
			continue
		}
		p := filepath.Join(d, "gh")
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() && info.Mode()&0o111 != 0 {
			bin = p
			break
		}
	}
	if bin == "" {
		return "", exec.ErrNotFound
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "auth", "token").Output()
	if err != nil {
		return "", fmt.Errorf("gh auth token: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

func findToken(ctx context.Context, o *Options) token {
	for _, k := range []string{"GITHUB_TOKEN", "GH_TOKEN"} {
		if v := strings.TrimSpace(o.getenv(k)); v != "" {
			return token{value: v, source: k}
		}
	}
	if v, err := o.TokenCommand(ctx); err == nil && v != "" {
		return token{value: v, source: "gh auth token"}
	}
	return token{}
}

// apiBase is GITHUB_API_URL, else the Enterprise server's /api/v3/, else
// api.github.com.
func apiBase(t Target, o *Options) (*url.URL, error) {
	raw := strings.TrimSpace(o.getenv("GITHUB_API_URL"))
	switch {
	case raw != "":
	case t.Enterprise():
		raw = "https://" + t.Host + "/api/v3/"
	default:
		raw = "https://api.github.com/"
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &TargetError{Target: redactUserinfo(raw), Reason: "GITHUB_API_URL is not an http(s) URL"}
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u, nil
}

// userinfo is a URL's user information, up to the last @ before the path
// (a password may hold one).
var userinfo = regexp.MustCompile(`(?i)([a-z][a-z0-9+.-]*://)[^/\s]*@`)

// redactUserinfo hides the user and password of every URL in s: an error
// may echo GITHUB_API_URL, and it must not echo its password.
func redactUserinfo(s string) string { return userinfo.ReplaceAllString(s, "${1}***@") }

// client is one repository's conversation with the API.
type client struct {
	gh    *gh.Client
	opts  *Options
	tok   token
	tgt   Target
	cache *diskCache
	// dl downloads the tarball: no token, no cache, counted apart.
	dl *http.Client
	// guard keeps the download off non-public addresses.
	guard downloadGuard
	// rate is the last rate limit seen.
	rate gh.Rate
	// newAPI builds the go-github client; after a rate-limit wait a fresh
	// one forgets the limit go-github remembers by the wall clock.
	newAPI func() *gh.Client
}

func newClient(ctx context.Context, t Target, o *Options) (*client, error) {
	base, err := apiBase(t, o)
	if err != nil {
		return nil, err
	}
	c := &client{opts: o, tgt: t}
	if !o.NoCache {
		dir := o.getenv("VETFOLIO_CACHE_DIR")
		if dir == "" {
			if ucd, err := os.UserCacheDir(); err == nil {
				dir = filepath.Join(ucd, "vetfolio", "github")
			}
		}
		if dir != "" {
			c.cache = &diskCache{dir: dir}
		}
	}
	c.tok = findToken(ctx, o)
	var rt http.RoundTripper = &transport{base: o.Transport, cache: c.cache, stats: o.Stats}
	if c.tok.value != "" {
		rt = &authTransport{
			base: rt,
			withToken: &oauth2.Transport{Base: rt,
				Source: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: c.tok.value, TokenType: "Bearer"})},
			scheme: base.Scheme, host: base.Host,
		}
	}
	c.newAPI = func() *gh.Client {
		g := gh.NewClient(&http.Client{Transport: rt, Timeout: o.Timeout})
		g.BaseURL, g.UserAgent = base, "vetfolio"
		return g
	}
	c.gh = c.newAPI()
	c.guard = newDownloadGuard(base)
	dlBase := o.Transport
	if dlBase == http.DefaultTransport {
		dlBase = c.guard.transport()
	}
	c.dl = &http.Client{Transport: &countingTransport{base: dlBase, stats: o.Stats},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return fmt.Errorf("stopped after %d redirects", len(via))
			}
			return c.guard.checkURL(req.URL)
		}}
	return c, nil
}

// authTransport sends the token only to the API's own scheme and host,
// through oauth2's transport; a redirect elsewhere (a 301 to another
// server) is followed without it. The client copies headers onto
// redirected requests itself only when it set them; a token added below
// it must be held back here.
type authTransport struct {
	base         http.RoundTripper
	withToken    http.RoundTripper
	scheme, host string
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme != t.scheme || !strings.EqualFold(req.URL.Host, t.host) {
		if req.Header.Get("Authorization") == "" {
			return t.base.RoundTrip(req)
		}
		req = req.Clone(req.Context())
		req.Header.Del("Authorization")
		return t.base.RoundTrip(req)
	}
	return t.withToken.RoundTrip(req)
}

type countingTransport struct {
	base  http.RoundTripper
	stats *Stats
}

func (t *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.stats.add(func(s *Stats) { s.Downloads++ })
	return t.base.RoundTrip(req)
}

// answer is how to report one status code of one request.
type answer struct {
	kind Kind
	msg  string
}

// call runs one API request with the retries and waits rate limits allow.
// what names the request ("GET /repos/o/r"); special says how to report
// status codes whose meaning depends on the request (404, 409, 422).
func (c *client) call(ctx context.Context, what string, special map[int]answer, fn func(context.Context) (*gh.Response, error)) (*gh.Response, error) {
	waited := false
	for attempt := 0; ; attempt++ {
		rctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
		resp, err := fn(rctx)
		cancel()
		if resp != nil && resp.Rate.Limit > 0 {
			c.rate = resp.Rate
		}
		if err == nil {
			return resp, nil
		}
		if resp != nil && resp.Response != nil && ctx.Err() == nil {
			if a, ok := special[resp.StatusCode]; ok {
				return resp, &Error{Kind: a.kind, Request: what, Msg: a.msg, Err: err}
			}
		}
		e := c.classify(ctx, what, resp, err)
		var retry *retryable
		if !errors.As(e, &retry) {
			return resp, e
		}
		switch {
		case retry.secondary && attempt < maxRetries:
			d := retry.after
			if d <= 0 {
				d = time.Duration(1<<attempt) * 5 * time.Second
			}
			d = min(d, 2*time.Minute)
			if err := c.countdown(ctx, "GitHub's secondary rate limit", d); err != nil {
				return resp, retry.final
			}
			c.gh = c.newAPI()
		case !retry.secondary && c.opts.Wait && !waited:
			waited = true
			if err := c.countdown(ctx, "the GitHub rate limit to reset", retry.after); err != nil {
				return resp, retry.final
			}
			c.gh = c.newAPI()
		default:
			return resp, retry.final
		}
	}
}

// retryable is a rate-limit answer that waiting may cure; final is the
// error to report when it does not.
type retryable struct {
	secondary bool
	after     time.Duration
	final     *Error
}

func (r *retryable) Error() string { return r.final.Error() }

// countdown waits d, showing the time left on Progress.
func (c *client) countdown(ctx context.Context, what string, d time.Duration) error {
	w := c.opts.Progress
	for left := d; left > 0; {
		if w != nil {
			fmt.Fprintf(w, "\rvetfolio: waiting for %s: %s left   ", what, left.Round(time.Second))
		}
		step := min(left, time.Second)
		if err := c.opts.Sleep(ctx, step); err != nil {
			if w != nil {
				fmt.Fprintln(w)
			}
			return err
		}
		left -= step
	}
	if w != nil {
		fmt.Fprintln(w)
	}
	return nil
}

// classify turns a failed request into an *Error, or a *retryable for a
// rate limit.
func (c *client) classify(ctx context.Context, what string, resp *gh.Response, err error) error {
	if ctx.Err() != nil {
		return &Error{Kind: Network, Request: what, Msg: "interrupted: " + ctx.Err().Error(), Err: ctx.Err()}
	}
	var rle *gh.RateLimitError
	if errors.As(err, &rle) {
		return c.primary(what, rle.Rate, err)
	}
	var abuse *gh.AbuseRateLimitError
	if errors.As(err, &abuse) {
		var after time.Duration
		if abuse.RetryAfter != nil {
			after = *abuse.RetryAfter
		}
		return c.secondary(what, after, err)
	}
	if tooLarge := (*bodyTooLargeError)(nil); errors.As(err, &tooLarge) {
		return &Error{Kind: Network, Request: what, Msg: tooLarge.Error(), Err: err}
	}
	if resp == nil || resp.Response == nil {
		return c.network(what, err)
	}
	status := resp.StatusCode
	h := resp.Header
	msg := apiMessage(err)
	switch {
	case (status == http.StatusForbidden || status == http.StatusTooManyRequests) && h.Get("X-RateLimit-Remaining") == "0":
		return c.primary(what, resp.Rate, err)
	case (status == http.StatusForbidden || status == http.StatusTooManyRequests) &&
		(h.Get("Retry-After") != "" || strings.Contains(strings.ToLower(msg), "secondary rate limit") || status == http.StatusTooManyRequests):
		secs, _ := strconv.Atoi(h.Get("Retry-After"))
		return c.secondary(what, time.Duration(secs)*time.Second, err)
	case status == http.StatusUnauthorized:
		if c.tok.value == "" {
			return &Error{Kind: BadToken, Request: what, Msg: "GitHub asks for authentication (401); set GITHUB_TOKEN", Err: err}
		}
		return &Error{Kind: BadToken, Request: what, Err: err,
			Msg: fmt.Sprintf("GitHub refused the token from %s (401 %s): it may be expired or revoked, or lack the `repo` scope", c.tok.source, orDefault(msg, "Bad credentials"))}
	case status == http.StatusForbidden:
		if c.tok.value == "" {
			return &Error{Kind: NoAccess, Request: what, Err: err, Msg: fmt.Sprintf("access denied (403 %s); set GITHUB_TOKEN to a token that can read %s", orDefault(msg, "Forbidden"), c.tgt.Repo())}
		}
		return &Error{Kind: NoAccess, Request: what, Err: err, Msg: fmt.Sprintf("the token from %s has no access to %s (403 %s); it may lack the `repo` scope", c.tok.source, c.tgt.Repo(), orDefault(msg, "Forbidden"))}
	case status == http.StatusNotFound:
		return &Error{Kind: NotFound, Request: what, Err: err, Msg: "not found (404)"}
	case status >= 500:
		return &Error{Kind: Network, Request: what, Err: err, Msg: fmt.Sprintf("GitHub answered %d %s; try again later", status, http.StatusText(status))}
	}
	return &Error{Kind: Network, Request: what, Err: err, Msg: fmt.Sprintf("unexpected answer %d %s", status, orDefault(msg, http.StatusText(status)))}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// apiMessage is GitHub's "message" field, kept to one short line.
func apiMessage(err error) string {
	var er *gh.ErrorResponse
	if !errors.As(err, &er) {
		return ""
	}
	m := strings.TrimSpace(strings.SplitN(er.Message, "\n", 2)[0])
	if len(m) > 120 {
		m = m[:120] + "…"
	}
	return m
}

// maxRateWindow is the longest a primary rate limit lasts, with slack for
// clock skew; --wait never waits longer than this for one.
const maxRateWindow = 65 * time.Minute

func (c *client) primary(what string, rate gh.Rate, err error) error {
	now := c.opts.Now()
	reset := rate.Reset.Time
	var when string
	var after time.Duration
	switch {
	case reset.IsZero():
		when = "at an unknown time"
		after = time.Minute
	case reset.After(now.Add(maxRateWindow)):
		// GitHub's limits reset within the hour; a reset years away (or
		// one overflowing a Duration) is a broken or hostile server.
		when = fmt.Sprintf("at an unknown time (the server's X-RateLimit-Reset, %d, is not a time within the hour)", rate.Reset.Unix())
		after = maxRateWindow
	default:
		after = max(reset.Sub(now), 0) + time.Second
		mins := int((after + time.Minute - 1) / time.Minute)
		when = fmt.Sprintf("at %s (in %d minute%s)", reset.Local().Format("15:04"), mins, plural(mins))
	}
	limit := ""
	if rate.Limit > 0 {
		limit = fmt.Sprintf(" (%d requests an hour)", rate.Limit)
	}
	raise := "set GITHUB_TOKEN (or GH_TOKEN, or log in with `gh auth login`) to raise it to 5,000 an hour, or pass --wait"
	if c.tok.value != "" {
		raise = "pass --wait to wait for it"
	}
	final := &Error{Kind: RateLimited, Request: what, Err: err,
		Msg: fmt.Sprintf("GitHub API rate limit exhausted%s; it resets %s; %s", limit, when, raise)}
	return &retryable{after: after, final: final}
}

func (c *client) secondary(what string, after time.Duration, err error) error {
	final := &Error{Kind: RateLimited, Request: what, Err: err,
		Msg: fmt.Sprintf("GitHub's secondary rate limit is still in force after %d retries; wait a few minutes and try again", maxRetries)}
	return &retryable{secondary: true, after: after, final: final}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// network explains a request that got no answer.
func (c *client) network(what string, err error) error {
	host := c.gh.BaseURL.Host
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		return &Error{Kind: Network, Request: what, Err: err, Msg: fmt.Sprintf("%s did not answer within %s (timeout)", host, c.opts.Timeout)}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &Error{Kind: Network, Request: what, Err: err, Msg: fmt.Sprintf("cannot reach %s: %v", host, err)}
}

// lowRateNote says once that the unauthenticated limit is nearly spent.
func (c *client) lowRateNote() string {
	if c.tok.value != "" || c.rate.Limit == 0 || c.rate.Remaining >= 10 {
		return ""
	}
	return fmt.Sprintf("no GitHub token: %d of %d API requests left this hour; set GITHUB_TOKEN to raise the limit to 5,000", c.rate.Remaining, c.rate.Limit)
}
