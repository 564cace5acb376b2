package probe

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/vetfolio/vetfolio/internal/scan"
	"go.yaml.in/yaml/v4"
)

// specTimeout bounds loading and validating one document: kin-openapi
// takes no context while resolving references, so a pathological document
// is abandoned rather than waited for.
const specTimeout = 5 * time.Second

// looksLikeSpec reports whether body is a JSON or YAML document with an
// openapi or swagger member at the top.
func looksLikeSpec(body []byte) bool {
	b := bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	if len(b) == 0 {
		return false
	}
	if b[0] == '{' {
		// The head decides, so that a document cut at the size cap or
		// broken further down still counts as a (bad) document.
		var top map[string]json.RawMessage
		if json.Unmarshal(b, &top) == nil {
			_, o := top["openapi"]
			_, s := top["swagger"]
			return o || s
		}
		return jsonSpecHead.Match(b[:min(len(b), 4096)])
	}
	return yamlSpecHead.Match(b[:min(len(b), 4096)])
}

// loadSpec loads and validates a document with kin-openapi. External
// references (other files, URLs) are refused, never fetched. It returns
// the document even when validation fails, with the error.
func loadSpec(ctx context.Context, data []byte) (*openapi3.T, error) {
	ctx, cancel := context.WithTimeout(ctx, specTimeout)
	defer cancel()
	type result struct {
		doc *openapi3.T
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{err: fmt.Errorf("the validator failed on this document: %v", r)}
			}
		}()
		doc, err := load(ctx, data)
		done <- result{doc, err}
	}()
	select {
	case r := <-done:
		return r.doc, r.err
	case <-ctx.Done():
		return nil, errors.New("loading the document timed out (too large or too deeply self-referencing)")
	}
}

func load(ctx context.Context, data []byte) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	loader.IsExternalRefsAllowed = false
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var doc *openapi3.T
	if isSwagger2(data) {
		js := data
		if t := bytes.TrimSpace(data); len(t) == 0 || t[0] != '{' {
			var v any
			if err := yaml.Unmarshal(data, &v); err != nil {
				return nil, fmt.Errorf("parse: %w", err)
			}
			var err error
			if js, err = json.Marshal(stringKeys(v, 0)); err != nil {
				return nil, fmt.Errorf("parse: %w", err)
			}
		}
		var d2 openapi2.T
		if err := json.Unmarshal(js, &d2); err != nil {
			return nil, fmt.Errorf("parse: %w", err)
		}
		var err error
		if doc, err = openapi2conv.ToV3WithLoader(&d2, loader, nil); err != nil {
			return nil, fmt.Errorf("convert swagger 2.0: %w", err)
		}
	} else {
		var err error
		if doc, err = loader.LoadFromData(data); err != nil {
			return nil, fmt.Errorf("load: %w", err)
		}
	}
	if err := doc.Validate(ctx); err != nil {
		return doc, fmt.Errorf("invalid: %w", err)
	}
	return doc, nil
}

var (
	jsonSpecHead = scan.MustCompile(`"(?:openapi|swagger)"\s*:\s*"\d`)
	yamlSpecHead = scan.MustCompile(`(?m)^(?:openapi|swagger)\s*:\s*['"]?\d`)
	swagger2Head = scan.MustCompile(`(?m)(?:^|[{,])\s*"?swagger"?\s*:\s*['"]?2`)
)

func isSwagger2(data []byte) bool { return swagger2Head.Match(data[:min(len(data), 4096)]) }

// stringKeys turns YAML maps with non-string keys (status codes) into
// string-keyed maps, so they marshal to JSON.
func stringKeys(v any, depth int) any {
	if depth > 200 {
		return nil
	}
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = stringKeys(e, depth+1)
		}
		return t
	case map[any]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[fmt.Sprint(k)] = stringKeys(e, depth+1)
		}
		return m
	case []any:
		for i, e := range t {
			t[i] = stringKeys(e, depth+1)
		}
	}
	return v
}

// operation is one operation of a document.
type operation struct {
	method, path string
	item         *openapi3.PathItem
	op           *openapi3.Operation
}

func (o operation) String() string { return o.method + " " + o.path }

// operations lists a document's operations in a stable order.
func operations(doc *openapi3.T) []operation {
	if doc == nil || doc.Paths == nil {
		return nil
	}
	var ops []operation
	for p, item := range doc.Paths.Map() {
		if item == nil {
			continue
		}
		for m, op := range item.Operations() {
			if op != nil {
				ops = append(ops, operation{strings.ToUpper(m), p, item, op})
			}
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].path != ops[j].path {
			return ops[i].path < ops[j].path
		}
		return ops[i].method < ops[j].method
	})
	return ops
}

// secured reports whether calling op needs credentials: it has (or
// inherits) security requirements, none of them empty (an empty one makes
// authentication optional).
func secured(doc *openapi3.T, op *openapi3.Operation) bool {
	reqs := doc.Security
	if op.Security != nil {
		reqs = *op.Security
	}
	if len(reqs) == 0 {
		return false
	}
	for _, r := range reqs {
		if len(r) == 0 {
			return false
		}
	}
	return true
}

// prefix is the path the document's first server puts before its paths.
func prefix(doc *openapi3.T) string {
	if doc == nil || len(doc.Servers) == 0 || doc.Servers[0] == nil {
		return ""
	}
	raw := doc.Servers[0].URL
	if strings.Contains(raw, "{") {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(u.Path, "/")
}

// paramValue is the example (or default, or first enum value) of a
// parameter, or false when it has none.
func paramValue(p *openapi3.Parameter) (string, bool) {
	pick := func(v any) (string, bool) {
		switch v.(type) {
		case nil, map[string]any, []any:
			return "", false
		}
		return fmt.Sprint(v), true
	}
	if s, ok := pick(p.Example); ok {
		return s, true
	}
	for _, ex := range p.Examples {
		if ex != nil && ex.Value != nil {
			if s, ok := pick(ex.Value.Value); ok {
				return s, true
			}
		}
	}
	if p.Schema != nil && p.Schema.Value != nil {
		s := p.Schema.Value
		if v, ok := pick(s.Example); ok {
			return v, true
		}
		if v, ok := pick(s.Default); ok {
			return v, true
		}
		if len(s.Enum) > 0 {
			return pick(s.Enum[0])
		}
	}
	return "", false
}

// target builds the URL of op, with example values for its required
// parameters. placeholder fills path parameters without an example (for
// auth checks, where the value does not matter); without it, an operation
// with a required parameter and no example cannot be called.
func target(origin *url.URL, base string, o operation, placeholder bool) (*url.URL, map[string]string, bool) {
	params := map[string]*openapi3.Parameter{}
	for _, list := range []openapi3.Parameters{o.item.Parameters, o.op.Parameters} {
		for _, ref := range list {
			if ref != nil && ref.Value != nil {
				params[ref.Value.In+":"+ref.Value.Name] = ref.Value
			}
		}
	}
	path := o.path
	pathParams := map[string]string{}
	query := url.Values{}
	for _, p := range params {
		if !p.Required && p.In != openapi3.ParameterInPath {
			continue
		}
		v, ok := paramValue(p)
		if !ok {
			if !placeholder || p.In != openapi3.ParameterInPath {
				return nil, nil, false
			}
			v = "1"
		}
		switch p.In {
		case openapi3.ParameterInPath:
			pathParams[p.Name] = v
			path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(v))
		case openapi3.ParameterInQuery:
			query.Set(p.Name, v)
		default:
			// A required header or cookie without credentials to give.
			return nil, nil, false
		}
	}
	if strings.Contains(path, "{") {
		return nil, nil, false
	}
	u := *origin
	u.Path = base + path
	u.RawQuery = query.Encode()
	return &u, pathParams, true
}

// validateResponse checks one answer against its operation.
func validateResponse(ctx context.Context, doc *openapi3.T, o operation, u *url.URL, pathParams map[string]string, r *response) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return err
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	in := &openapi3filter.RequestValidationInput{
		Request: req, PathParams: pathParams, Options: opts,
		Route: &routers.Route{Spec: doc, Path: o.path, PathItem: o.item, Method: o.method, Operation: o.op},
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: r.status, Header: r.header, Options: opts}
	out.SetBodyBytes(r.body)
	return openapi3filter.ValidateResponse(ctx, out)
}

// violation words one conformance failure.
func violation(o operation, r *response, err error) string {
	msg := err.Error()
	var re *openapi3filter.ResponseError
	if errors.As(err, &re) {
		msg = re.Reason
		if re.Err != nil {
			msg += ": " + re.Err.Error()
		}
	}
	return clip(fmt.Sprintf("%s answered %d %s: %s", o, r.status, r.contentType(), msg), 240)
}

var paramRe = scan.MustCompile(`\{[^}]*\}|:[A-Za-z_]\w*|<[^>]*>`)

// opKey normalises "METHOD /path" for drift: parameter names dropped,
// trailing slash removed.
func opKey(method, p string) string {
	p = paramRe.ReplaceAllString(p, "{}")
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return strings.ToUpper(method) + " " + p
}

var driftMethods = map[string]bool{"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true}

// drift compares the live operations with the repository's.
func drift(live []string, repo []string) (onlyLive, onlyRepo []string) {
	set := func(keys []string) map[string]bool {
		m := map[string]bool{}
		for _, k := range keys {
			m_, p, ok := strings.Cut(strings.TrimSpace(k), " ")
			if ok && driftMethods[strings.ToUpper(m_)] {
				m[opKey(m_, p)] = true
			}
		}
		return m
	}
	l, r := set(live), set(repo)
	for k := range l {
		if !r[k] {
			onlyLive = append(onlyLive, k)
		}
	}
	for k := range r {
		if !l[k] {
			onlyRepo = append(onlyRepo, k)
		}
	}
	sort.Strings(onlyLive)
	sort.Strings(onlyRepo)
	return capList(onlyLive, 10), capList(onlyRepo, 10)
}

func capList(s []string, n int) []string {
	if s == nil {
		return []string{}
	}
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("... and %d more", len(s)-n))
	}
	return s
}

// maxSpecErrors is how many validation errors are kept as evidence.
const maxSpecErrors = 3

// specErrors words why a document did not load or validate: the
// validator's first error and, since kin-openapi stops at the first, the
// first errors of its paths validated one at a time (bounded by the
// document's first 50 paths and specTimeout).
func specErrors(ctx context.Context, doc *openapi3.T, first error) []string {
	out := []string{clip(first.Error(), 240)}
	if doc == nil || doc.Paths == nil || !strings.HasPrefix(first.Error(), "invalid: ") {
		return out
	}
	ctx, cancel := context.WithTimeout(ctx, specTimeout)
	defer cancel()
	seen := map[string]bool{strings.TrimPrefix(first.Error(), "invalid: "): true}
	paths := doc.Paths.InMatchingOrder()
	sort.Strings(paths)
	paths = paths[:min(len(paths), 50)]
	bad := map[string]bool{}
	for _, path := range paths {
		if len(out) >= maxSpecErrors || ctx.Err() != nil {
			break
		}
		sub := *doc
		sub.Paths = openapi3.NewPaths(openapi3.WithPath(path, doc.Paths.Value(path)))
		err := validateQuietly(ctx, &sub)
		if err == nil {
			continue
		}
		bad[path] = true
		if !seen[err.Error()] {
			seen[err.Error()] = true
			out = append(out, clip("invalid: "+err.Error(), 240))
		}
	}
	// Errors across paths (a duplicate operationId) show once the paths
	// with errors of their own are left out.
	if len(out) < maxSpecErrors && len(bad) > 0 && ctx.Err() == nil {
		rest := openapi3.NewPaths()
		for _, path := range doc.Paths.InMatchingOrder() {
			if !bad[path] {
				rest.Set(path, doc.Paths.Value(path))
			}
		}
		sub := *doc
		sub.Paths = rest
		if err := validateQuietly(ctx, &sub); err != nil && !seen[err.Error()] {
			out = append(out, clip("invalid: "+err.Error(), 240))
		}
	}
	return out
}

// validateQuietly validates doc, turning a validator panic into an error.
func validateQuietly(ctx context.Context, doc *openapi3.T) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the validator failed on this document: %v", r)
		}
	}()
	return doc.Validate(ctx)
}
