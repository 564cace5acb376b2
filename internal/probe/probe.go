package probe

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// Limits on the checks that call the document's operations.
const (
	maxConformance = 8
	maxAuthChecks  = 4
	// batches is how many batches of well-known paths are tried per kind.
	batches = 2
)

// probe is one run: the client, what was seen, and the result.
type probe struct {
	cfg    Config
	c      *client
	origin *url.URL
	// userHost is the host of the URL the user gave: credentials are sent
	// there only.
	userHost string
	live     *facts.Live

	mu   sync.Mutex
	seen []*response // every answer, for leaks and headers
	skip map[*response]bool
}

// Run probes cfg.URL and returns what it saw. It never fails: an
// unreachable service, a refused address or a bad certificate are
// findings in the result (Reachable false, Error set).
func Run(ctx context.Context, cfg Config) *facts.Live {
	cfg = cfg.withDefaults()
	live := &facts.Live{URL: redact(cfg.URL), Leaks: []facts.Leak{}, Checked: cfg.Now()}
	u, err := url.Parse(strings.TrimSpace(cfg.URL))
	switch {
	case err != nil:
		live.Error = "not a URL"
		return live
	case u.Scheme != "http" && u.Scheme != "https":
		live.Error = "not an http or https URL"
		return live
	case u.Host == "":
		live.Error = "the URL has no host"
		return live
	}
	if u.User != nil {
		// Credentials in a URL are neither sent nor echoed: the probe calls
		// the service as an anonymous visitor.
		u.User = nil
		live.Notes = append(live.Notes, "credentials in the URL were removed before probing")
	}
	u.Fragment = ""
	live.URL = u.String()
	ctx, cancel := context.WithTimeout(ctx, cfg.Budget)
	defer cancel()
	p := &probe{cfg: cfg, c: newClient(cfg), origin: &url.URL{Scheme: u.Scheme, Host: u.Host}, userHost: u.Host, live: live, skip: map[*response]bool{}}
	defer p.c.close()
	p.run(ctx, u)
	if len(cfg.AuthHeaders) > 0 && !live.Authenticated && live.Reachable {
		// Say so: a user who gave credentials expects them to be used.
		why := "no OpenAPI document with secured GET operations was found"
		if p.origin.Host != p.userHost {
			why = "the service moved to another host (" + p.origin.Host + "), which does not get them"
		}
		live.Notes = append(live.Notes, "the credentials given with --header were not used: "+why)
	}
	n, capped := p.c.requests()
	live.Requests = n
	if capped {
		live.Notes = append(live.Notes, fmt.Sprintf("the request cap (%d) was reached; later checks were not made", cfg.MaxRequests))
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		live.Notes = append(live.Notes, fmt.Sprintf("the probe's time budget of %s ran out; later checks were not made", cfg.Budget))
	}
	return live
}

func (p *probe) get(ctx context.Context, u *url.URL, hdr http.Header) *response {
	r := p.c.do(ctx, http.MethodGet, u, hdr, true)
	p.record(r)
	return r
}

func (p *probe) record(r *response) {
	if r.err != nil && r.status == 0 {
		return
	}
	p.mu.Lock()
	p.seen = append(p.seen, r)
	p.mu.Unlock()
}

func (p *probe) at(path string) *url.URL {
	u := *p.origin
	u.Path = path
	if i := strings.IndexByte(path, '?'); i >= 0 {
		u.Path, u.RawQuery = path[:i], path[i+1:]
	}
	return &u
}

func (p *probe) run(ctx context.Context, u *url.URL) {
	live, cfg := p.live, p.cfg
	live.Platform = platformOf(u.Hostname(), nil)

	// First and second answers: latency, and a cold start told apart from
	// an outage.
	first := p.get(ctx, u, nil)
	if first.err != nil && first.status == 0 && !isTimeout(first.err) && !errors.Is(first.err, context.DeadlineExceeded) {
		live.Error = describe(first.err, cfg.RequestTimeout)
		if isTLSError(first.err) {
			live.TLSError = live.Error
			live.HTTPS = true
		}
		return
	}
	live.FirstLatencyMS = first.latency.Milliseconds()
	// A second GET / only when the first was slow or a gateway's error:
	// it tells a cold start from an outage. A healthy service is asked
	// for / once.
	slowFirst := first.status == 0 || first.latency > cfg.ColdStart ||
		first.status == http.StatusBadGateway || first.status == http.StatusServiceUnavailable || first.status == http.StatusGatewayTimeout
	second := first
	if slowFirst {
		second = p.get(ctx, u, nil)
	}
	base := second
	if second.status == 0 {
		base = first
	}
	if base.status == 0 {
		live.Error = describe(first.err, cfg.RequestTimeout)
		if second.err != nil {
			live.Error = describe(second.err, cfg.RequestTimeout)
		}
		return
	}
	live.ColdStart = slowFirst && second != first && second.status > 0 && second.status < 500 && second.latency <= cfg.ColdStart
	live.Status = base.status
	live.LatencyMS = base.latency.Milliseconds()
	// A 500 comes from the application itself (often with the very stack
	// trace the leak checks look for); only a gateway's 5xx means that no
	// application answered.
	live.Reachable = !gatewayDown(base.status)
	if base.err != nil {
		live.Notes = append(live.Notes, "the answer's body was incomplete: "+describe(base.err, cfg.RequestTimeout))
	}
	if !live.Reachable {
		live.Error = fmt.Sprintf("answers %d %s", base.status, http.StatusText(base.status))
	}
	if base.final != nil && (base.final.Host != p.origin.Host || base.final.Scheme != p.origin.Scheme) {
		// Later requests go where the service actually lives.
		p.origin = &url.URL{Scheme: base.final.Scheme, Host: base.final.Host}
	}
	// Every path reported (health, docs, leaks) is relative to the origin,
	// so the origin is the URL reported.
	live.URL = p.origin.String()
	live.HTTPS = base.tls != nil
	if base.tls != nil && len(base.tls.PeerCertificates) > 0 {
		live.TLSDaysLeft = int(base.tls.PeerCertificates[0].NotAfter.Sub(cfg.Now()).Hours() / 24)
	}
	if pl := platformOf(p.origin.Hostname(), base.header); pl != "" {
		live.Platform = pl
	}
	if u.Scheme == "http" && live.HTTPS {
		t := true
		live.HTTPRedirect = &t
	}

	// Second phase: everything that needs only the origin, concurrently.
	var (
		wg                           sync.WaitGroup
		notFound, preflight          *response
		health, docs, specResps, gql []*response
	)
	wg.Go(func() {
		notFound = p.get(ctx, p.at("/vetfolio-probe-"+randomHex()), nil)
	})
	wg.Go(func() {
		h := http.Header{"Origin": {"https://vetfolio-probe.invalid"}, "Access-Control-Request-Method": {"GET"}}
		preflight = p.c.do(ctx, http.MethodOptions, p.at(firstNonEmpty(u.Path, "/")), h, false)
		p.record(preflight)
	})
	if live.HTTPS && u.Scheme == "https" {
		wg.Go(func() { p.redirectCheck(ctx) })
	}
	paths := pathsFor(cfg)
	wg.Go(func() { health = p.tryPaths(ctx, paths.health, func(r *response) bool { return r.ok() }) })
	wg.Go(func() { docs = p.tryPaths(ctx, paths.docs, isDocsPage) })
	wg.Go(func() {
		specResps = p.tryPaths(ctx, paths.spec, func(r *response) bool { return r.ok() && looksLikeSpec(r.body) })
	})
	if cfg.GraphQLServer != "" {
		// The endpoint answers alongside the other well-known paths; the
		// IDE page is looked for afterwards, only where it is needed.
		wg.Go(func() {
			paths := graphQLPaths(cfg)
			for i := range paths {
				paths[i] += graphQLQuery
			}
			gql = p.tryPathsWith(ctx, paths, graphQLHeader(), func(r *response) bool { _, data := graphQLAnswer(r); return data })
		})
	}
	if isWerkzeug(base.header) || cfg.Framework == "flask" {
		// Werkzeug's debugger shows itself only on an exception, which a
		// safe probe cannot cause, but it also serves its interactive
		// console at /console: one GET tells whether debug mode is on.
		wg.Go(func() { p.get(ctx, p.at("/console"), nil) })
	}
	wg.Wait()

	catchAll := notFound.status >= 200 && notFound.status < 300
	for _, r := range health {
		if r.ok() && !(catchAll && bytes.Equal(r.body, notFound.body)) && !(catchAll && r.isHTML()) {
			live.HealthPath = r.path
			break
		}
	}
	for _, r := range docs {
		if isDocsPage(r) {
			live.DocsPath = r.path
			break
		}
	}
	if notFound.status > 0 {
		live.NotFoundStatus = notFound.status
		nf := notFound.status == http.StatusNotFound && notFound.isJSON()
		live.NotFoundJSON = &nf
		live.NotFoundProblem = notFound.status == http.StatusNotFound && notFound.contentType() == "application/problem+json"
	}
	// Third phase: the document, its drift, conformance and auth.
	if !slices.ContainsFunc(specResps, func(r *response) bool { return r.ok() && looksLikeSpec(r.body) }) {
		if r := p.embeddedSpec(ctx, docs); r != nil {
			specResps = append(specResps, r)
		} else if r := p.pageSpec(ctx, docs, specResps); r != nil {
			specResps = append(specResps, r)
		}
	}
	var doc *openapi3.T
	for _, r := range specResps {
		if !r.ok() || !looksLikeSpec(r.body) {
			continue
		}
		p.mu.Lock()
		p.skip[r] = true // a document's examples are not leaks
		p.mu.Unlock()
		live.SpecURL = p.at(r.path).String()
		valid := false
		if r.cut {
			live.SpecError = fmt.Sprintf("the document is larger than %d bytes and was not loaded", cfg.MaxBody)
		} else {
			d, err := loadSpec(ctx, r.body)
			if err != nil {
				live.SpecErrors = specErrors(ctx, d, err)
				live.SpecError = live.SpecErrors[0]
			}
			valid = err == nil
			doc = d
		}
		live.SpecValid = &valid
		break
	}
	p.graphQL(ctx, base, notFound, gql)
	var liveKeys []string
	if doc != nil {
		ops := operations(doc)
		live.SpecOperations = len(ops)
		pre := prefix(doc)
		for _, o := range ops {
			liveKeys = append(liveKeys, o.method+" "+pre+o.path)
		}
		switch {
		case len(cfg.RepoOperations) > 0:
			var plain []string
			for _, o := range ops {
				plain = append(plain, o.String())
			}
			a, b := drift(plain, cfg.RepoOperations)
			live.Drift = &facts.Drift{Against: "openapi", OnlyLive: a, OnlyRepo: b}
		case len(cfg.Routes) > 0:
			a, b := drift(liveKeys, cfg.Routes)
			live.Drift = &facts.Drift{Against: "routes", OnlyLive: a, OnlyRepo: b}
		}
	}
	if doc == nil || live.SpecValid != nil && !*live.SpecValid {
		// No usable live document: the repository's stands in.
		if len(cfg.RepoSpec) > 0 {
			if d, err := loadSpec(ctx, cfg.RepoSpec); err == nil {
				doc = d
			}
		}
	}
	if doc != nil && live.Reachable {
		p.callOperations(ctx, doc)
	}
	p.gateway(base, notFound, health, docs, specResps)
	p.headers(base, preflight)
	p.leaks()
}

// gateway notes a service that refuses every request, unknown paths and
// docs included: a gateway or the proxy's HTTP Basic stands in front of
// it, so the API's own authentication cannot be seen.
func (p *probe) gateway(base, notFound *response, lists ...[]*response) {
	refused := func(r *response) bool {
		return r.status == http.StatusUnauthorized || r.status == http.StatusForbidden
	}
	if !refused(base) || !refused(notFound) {
		return
	}
	for _, l := range lists {
		for _, r := range l {
			if r.status != 0 && !refused(r) && r.status != http.StatusNotFound {
				return
			}
		}
	}
	p.live.AuthGateway = true
	// What looked like enforcement is the gateway's refusal of everything.
	p.live.AuthEnforced = nil
	p.live.Notes = append(p.live.Notes, fmt.Sprintf("every request answered %d: something in front of the service asks for credentials before the API is reached", base.status))
}

// pageSpec fetches the document a docs page names (Swagger UI's url or
// urls, Redoc's spec-url) when no well-known path served one. At most two
// addresses not already tried are requested.
func (p *probe) pageSpec(ctx context.Context, docs, tried []*response) *response {
	done := map[string]bool{}
	for _, r := range tried {
		done[r.path] = true
	}
	for _, page := range docs {
		if !isDocsPage(page) || page.final == nil {
			continue
		}
		n := 0
		for _, u := range pageSpecURLs(page.body, page.final, p.origin.Host) {
			if done[u.RequestURI()] || n >= 2 {
				continue
			}
			done[u.RequestURI()] = true
			n++
			r := p.get(ctx, u, nil)
			if r.ok() && looksLikeSpec(r.body) {
				return r
			}
		}
		break
	}
	return nil
}

// embeddedSpec finds the document a docs page embeds instead of serving
// it: swagger-ui-express (the usual Express set-up) writes it into the
// page's swagger-ui-init.js as options.swaggerDoc, or names it in
// options.swaggerUrl. It returns the document as a response, or nil.
func (p *probe) embeddedSpec(ctx context.Context, docs []*response) *response {
	var page *response
	for _, r := range docs {
		if isDocsPage(r) && bytes.Contains(r.body, []byte("swagger-ui-init.js")) {
			page = r
			break
		}
	}
	if page == nil || page.final == nil {
		return nil
	}
	ref, _ := url.Parse("./swagger-ui-init.js")
	u := page.final.ResolveReference(ref)
	if u.Host != p.origin.Host {
		return nil
	}
	r := p.get(ctx, u, nil)
	p.mu.Lock()
	p.skip[r] = true // the script carries the document's examples
	p.mu.Unlock()
	if !r.ok() {
		return nil
	}
	doc, specURL := initOptions(r.body)
	switch {
	case doc != nil:
		out := *r
		out.body = doc
		return &out
	case strings.HasPrefix(specURL, "/") && !strings.HasPrefix(specURL, "//"):
		s := p.get(ctx, p.at(specURL), nil)
		if s.ok() && looksLikeSpec(s.body) {
			return s
		}
	}
	return nil
}

// initOptions reads the options object of a swagger-ui-express init
// script: the embedded document, or the URL it is loaded from.
func initOptions(js []byte) (doc []byte, specURL string) {
	i := bytes.Index(js, []byte("var options = "))
	if i < 0 {
		return nil, ""
	}
	var opts struct {
		SwaggerDoc json.RawMessage `json:"swaggerDoc"`
		SwaggerURL string          `json:"swaggerUrl"`
	}
	// The object is JSON (JSON.stringify wrote it); the decoder stops at
	// its end, before the script goes on.
	if json.NewDecoder(bytes.NewReader(js[i+len("var options = "):])).Decode(&opts) != nil {
		return nil, ""
	}
	if len(opts.SwaggerDoc) > 0 && looksLikeSpec(opts.SwaggerDoc) {
		return opts.SwaggerDoc, ""
	}
	return nil, opts.SwaggerURL
}

// redirectCheck asks for the http:// address and sees whether it sends
// the visitor to https://.
func (p *probe) redirectCheck(ctx context.Context) {
	u := *p.origin
	u.Scheme = "http"
	r := p.c.do(ctx, http.MethodGet, &u, nil, false)
	p.record(r)
	if r.err != nil && r.status == 0 {
		if errors.Is(r.err, errCap) || ctx.Err() != nil {
			return
		}
		// No plain HTTP listener at all is as good as a redirect.
		f := false
		p.live.HTTPRedirect = &f
		return
	}
	loc, _ := url.Parse(r.header.Get("Location"))
	ok := r.status >= 300 && r.status < 400 && loc != nil && loc.Scheme == "https"
	p.live.HTTPRedirect = &ok
}

// tryPaths requests paths in batches of the concurrency, stopping after
// the first batch in which hit matched. It returns the answers in the
// order of paths.
func (p *probe) tryPaths(ctx context.Context, paths []string, hit func(*response) bool) []*response {
	return p.tryPathsWith(ctx, paths, nil, hit)
}

// tryPathsWith is tryPaths sending the headers hdr.
func (p *probe) tryPathsWith(ctx context.Context, paths []string, hdr http.Header, hit func(*response) bool) []*response {
	var out []*response
	n := p.cfg.Concurrency
	for b := 0; b < batches && len(paths) > 0 && ctx.Err() == nil; b++ {
		batch := paths[:min(n, len(paths))]
		paths = paths[len(batch):]
		res := make([]*response, len(batch))
		var wg sync.WaitGroup
		for i, path := range batch {
			wg.Go(func() { res[i] = p.get(ctx, p.at(path), hdr) })
		}
		wg.Wait()
		out = append(out, res...)
		for _, r := range res {
			if hit(r) {
				return out
			}
		}
	}
	return out
}

// callOperations calls the document's parameterless (or exemplified) GET
// operations: unsecured ones are validated against the document, secured
// ones must refuse a caller without credentials.
func (p *probe) callOperations(ctx context.Context, doc *openapi3.T) {
	live := p.live
	base := prefix(doc)
	type call struct {
		o      operation
		u      *url.URL
		params map[string]string
		auth   bool // secured: called without credentials, must be refused
		authed bool // secured: called with the user's credentials
		r      *response
	}
	// Credentials go only to the host the user deployed to: not to
	// another host a redirect of the base URL moved the probe to.
	withCreds := len(p.cfg.AuthHeaders) > 0 && p.origin.Host == p.userHost
	p.live.Authenticated = withCreds
	var calls []*call
	conf, auth := 0, 0
	for _, o := range operations(doc) {
		if o.method != http.MethodGet {
			continue
		}
		if secured(doc, o.op) {
			if auth >= maxAuthChecks {
				continue
			}
			if u, params, ok := target(p.origin, base, o, true); ok {
				calls = append(calls, &call{o: o, u: u, params: params, auth: true})
				auth++
				// With credentials, the same operation is also checked
				// against the document, when it can be called for real.
				if u, params, ok := target(p.origin, base, o, false); ok && withCreds {
					calls = append(calls, &call{o: o, u: u, params: params, authed: true})
				}
			}
			continue
		}
		if conf >= maxConformance {
			continue
		}
		if u, params, ok := target(p.origin, base, o, false); ok {
			calls = append(calls, &call{o: o, u: u, params: params})
			conf++
		}
	}
	var wg sync.WaitGroup
	for _, c := range calls {
		var hdr http.Header
		if c.authed {
			hdr = p.cfg.AuthHeaders
		}
		wg.Go(func() { c.r = p.get(ctx, c.u, hdr) })
	}
	wg.Wait()
	enforced := 0
	for _, c := range calls {
		r := c.r
		if r.err != nil && r.status == 0 {
			continue
		}
		if c.auth {
			live.AuthChecked++
			switch {
			case r.status == http.StatusUnauthorized || r.status == http.StatusForbidden:
				enforced++
				live.AuthRefused++
			case r.status < 300 || r.status >= 500:
				live.AuthFailures = append(live.AuthFailures, fmt.Sprintf("%s answered %d without credentials", c.o, r.status))
			}
			continue
		}
		if r.cut || r.err != nil {
			continue
		}
		live.Conformance.Checked++
		if c.authed {
			live.Conformance.Authenticated++
		}
		if err := validateResponse(ctx, doc, c.o, c.u, c.params, r); err != nil {
			live.Conformance.Violations++
			if r.isHTML() && len(live.Conformance.HTMLAnswers) < 10 {
				live.Conformance.HTMLAnswers = append(live.Conformance.HTMLAnswers, c.o.String())
			}
			if len(live.Conformance.Details) < 10 {
				live.Conformance.Details = append(live.Conformance.Details, violation(c.o, r, err))
			}
		}
	}
	switch {
	case len(live.AuthFailures) > 0:
		f := false
		live.AuthEnforced = &f
	case enforced > 0:
		t := true
		live.AuthEnforced = &t
	}
}

// headers judges HSTS and nosniff on the API's own JSON answers (an
// Express API's root is Express's HTML 404 page, which carries headers
// the API's answers may lack), on the base answer when no JSON answer was
// seen, and CORS on the answer to a preflight from an unknown origin (or
// any answer that carries the header).
func (p *probe) headers(base, preflight *response) {
	p.mu.Lock()
	defer p.mu.Unlock()
	h := &facts.LiveHeaders{CORS: "none"}
	var judged []*response
	for _, r := range p.seen {
		// The preflight's answer is the CORS layer's, not the API's.
		if r != preflight && r.status > 0 && r.status < 500 && r.isJSON() && !p.skip[r] {
			judged = append(judged, r)
		}
	}
	if len(judged) == 0 {
		judged = []*response{base}
	}
	h.HSTS, h.NoSniff = p.live.HTTPS, true
	ok, other := map[string]bool{}, map[string]bool{}
	for _, r := range judged {
		if r.ok() {
			ok[r.path] = true
		} else {
			other[r.path] = true
		}
		if r.header.Get("Strict-Transport-Security") == "" {
			h.HSTS = false
		}
		if !strings.EqualFold(r.header.Get("X-Content-Type-Options"), "nosniff") {
			h.NoSniff = false
		}
	}
	// The API's successful answers first: they are what a reviewer calls.
	for p := range ok {
		delete(other, p)
	}
	h.JudgedOn = capList(append(slices.Sorted(maps.Keys(ok)), slices.Sorted(maps.Keys(other))...), 5)
	h.ServerVersion = serverVersion(base.header)
	for _, r := range judged {
		if h.ServerVersion == "" {
			h.ServerVersion = serverVersion(r.header)
		}
	}
	cors := []*response{preflight, base}
	cors = append(cors, judged...)
	for _, r := range cors {
		if r == nil || r.header == nil {
			continue
		}
		switch acao := r.header.Get("Access-Control-Allow-Origin"); acao {
		case "":
			continue
		case "*":
			h.CORS = "wildcard"
		case "https://vetfolio-probe.invalid", "null":
			h.CORS = "reflects-origin"
		default:
			h.CORS = "restricted"
		}
		h.CORSSeenOn = r.path
		h.CORSCredentials = h.CORS != "restricted" && strings.EqualFold(r.header.Get("Access-Control-Allow-Credentials"), "true")
		break
	}
	p.live.Headers = h
}

// leaks scans every answer for stack traces, debug pages, SQL errors,
// internal paths and server versions.
func (p *probe) leaks() {
	p.mu.Lock()
	defer p.mu.Unlock()
	added := map[string]bool{}
	perKind := map[string]int{}
	add := func(path, kind, detail string) {
		key := kind + " " + path
		if kind == "server-version" {
			key = kind + " " + detail
		}
		// A few examples of each kind are evidence enough.
		if added[key] || perKind[kind] >= 3 {
			return
		}
		added[key] = true
		perKind[kind]++
		p.live.Leaks = append(p.live.Leaks, facts.Leak{Path: path, Kind: kind, Detail: detail})
	}
	// Answers arrive concurrently; sorted, the same service gives the
	// same evidence on every run.
	seen := slices.Clone(p.seen)
	slices.SortStableFunc(seen, func(a, b *response) int { return strings.Compare(a.path, b.path) })
	for _, r := range seen {
		if r.status == http.StatusTooManyRequests || hasRateLimit(r.header) {
			p.live.Headers.RateLimit = true
		}
		// A server name without a version is a header finding (judged
		// with the security headers); a version number is a leak.
		if sv := versionDisclosure(r.header); sv != "" {
			add(r.path, "server-version", sv)
		}
		if p.skip[r] {
			continue
		}
		for _, kind := range scanBody(r.body) {
			add(r.path, kind, "")
		}
	}
}

// isWerkzeug reports Werkzeug's development server, where Flask's
// debugger runs.
func isWerkzeug(h http.Header) bool {
	return h != nil && strings.HasPrefix(strings.ToLower(h.Get("Server")), "werkzeug")
}

// gatewayDown reports a status that a proxy or platform sends when the
// application behind it did not answer: 502, 503, 504, and Cloudflare's
// 52x origin errors.
func gatewayDown(status int) bool {
	switch {
	case status == http.StatusBadGateway, status == http.StatusServiceUnavailable, status == http.StatusGatewayTimeout:
		return true
	case status >= 520 && status <= 530:
		return true
	}
	return false
}

func isDocsPage(r *response) bool {
	if !r.ok() {
		return false
	}
	b := bytes.ToLower(r.body[:min(len(r.body), 64<<10)])
	for _, w := range [][]byte{[]byte("swagger"), []byte("redoc"), []byte("openapi"), []byte("scalar"), []byte("rapidoc"), []byte("stoplight")} {
		if bytes.Contains(b, w) {
			return true
		}
	}
	return false
}

func randomHex() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// dedupe keeps the first of each path.
func dedupe(paths []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range paths {
		if p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}
