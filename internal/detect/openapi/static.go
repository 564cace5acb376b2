package openapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/vetfolio/vetfolio/internal/scan"
	yaml "go.yaml.in/yaml/v4"
)

// validateTimeout bounds loading and validating one document, so that a
// pathological document cannot stall an audit.
const validateTimeout = 20 * time.Second

// maxDepth bounds the recursion over a decoded document.
const maxDepth = 256

// topKey finds a top-level openapi or swagger key in YAML, or the same key
// anywhere in JSON, cheaply, before any decoding.
var (
	topKeyYAML = scan.MustCompile(`(?m)^["']?(openapi|swagger)["']?[ \t]*:`)
	topKeyJSON = scan.MustCompile(`"(openapi|swagger)"\s*:`)
)

// looksLikeSpec reports whether data may be an OpenAPI or Swagger document.
func looksLikeSpec(p string, data []byte) bool {
	if scan.Ext(p) == ".json" {
		return topKeyJSON.Match(data)
	}
	return topKeyYAML.Match(data)
}

// specDoc is what one static document holds.
type specDoc struct {
	path       string
	version    string
	major      int // 2 or 3
	valid      bool
	err        string
	ops        int
	described  int
	errorResps int
	schemes    bool
	extRefs    []string
	keys       []string
}

// rank orders documents: valid 3.x, valid 2.0, then invalid ones.
func (s *specDoc) rank() int {
	switch {
	case s.valid && s.major == 3:
		return 3
	case s.valid:
		return 2
	}
	return 1
}

// decode parses a JSON or YAML document into plain maps with string keys.
func decode(p string, data []byte) (any, error) {
	var v any
	if scan.Ext(p) == ".json" {
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, err
		}
		return v, nil
	}
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	return normalize(v, 0)
}

// normalize turns YAML maps with non-string keys (response codes such as
// 200) into map[string]any so the tree can be walked and marshalled to JSON.
func normalize(v any, depth int) (any, error) {
	if depth > maxDepth {
		return nil, errors.New("document nested too deeply")
	}
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			n, err := normalize(e, depth+1)
			if err != nil {
				return nil, err
			}
			t[k] = n
		}
		return t, nil
	case map[any]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			n, err := normalize(e, depth+1)
			if err != nil {
				return nil, err
			}
			m[fmt.Sprint(k)] = n
		}
		return m, nil
	case []any:
		for i, e := range t {
			n, err := normalize(e, depth+1)
			if err != nil {
				return nil, err
			}
			t[i] = n
		}
		return t, nil
	}
	return v, nil
}

var versionRe = scan.MustCompile(`^\d`)

// analyze reads one candidate document. It returns nil when the file is not
// an OpenAPI or Swagger document after all. files holds the other documents
// and fragments read from the tree, for in-tree $refs.
func analyze(p string, data []byte, files map[string][]byte) *specDoc {
	root, err := decode(p, data)
	if err != nil {
		// A file that announces itself as a spec but does not parse is a
		// broken spec, not an unrelated file.
		v := "3"
		if m := topKeyYAML.FindSubmatch(data); m != nil && string(m[1]) == "swagger" {
			v = "2"
		}
		return &specDoc{path: p, major: int(v[0] - '0'), err: oneLine("parse: " + err.Error())}
	}
	m, ok := root.(map[string]any)
	if !ok {
		return nil
	}
	doc := &specDoc{path: p}
	if v, ok := m["openapi"]; ok && isScalar(v) {
		doc.version, doc.major = fmt.Sprint(v), 3
	} else if v, ok := m["swagger"]; ok && isScalar(v) {
		doc.version, doc.major = fmt.Sprint(v), 2
	}
	if doc.major == 0 || !versionRe.MatchString(doc.version) {
		return nil
	}
	stats(doc, m)
	var refs []string
	walkRefs(root, 0, func(r string) { refs = append(refs, r) })
	var missing string
	seen := map[string]bool{}
	for _, r := range refs {
		switch kind, target := classifyRef(p, r); kind {
		case refExternal:
			if !seen[r] && len(doc.extRefs) < 20 {
				seen[r] = true
				doc.extRefs = append(doc.extRefs, r)
			}
		case refFile:
			if _, ok := files[target]; !ok && missing == "" {
				missing = r
			}
		}
	}
	switch {
	case len(doc.extRefs) > 0:
		// Never fetched: a URL may be private, and a file outside the tree
		// is not the candidate's to show.
		doc.err = oneLine(fmt.Sprintf("external $ref %s not followed; document not fully validated", doc.extRefs[0]))
	case missing != "":
		doc.err = oneLine(fmt.Sprintf("$ref %s: file not found in the scanned documents", missing))
	default:
		if err := validate(doc, data, m, files); err != nil {
			doc.err = oneLine(err.Error())
		} else {
			doc.valid = true
		}
	}
	return doc
}

func isScalar(v any) bool {
	switch v.(type) {
	case string, float64, int, int64, uint64:
		return true
	}
	return false
}

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// stats counts operations and their documentation in the decoded document.
// Counting on the raw tree works for invalid documents too.
func stats(doc *specDoc, m map[string]any) {
	paths, _ := m["paths"].(map[string]any)
	for p, item := range paths {
		im, _ := item.(map[string]any)
		for _, meth := range methods {
			op, ok := im[meth].(map[string]any)
			if !ok {
				continue
			}
			doc.ops++
			doc.keys = append(doc.keys, strings.ToUpper(meth)+" "+p)
			if nonEmpty(op["summary"]) || nonEmpty(op["description"]) {
				doc.described++
			}
			resps, _ := op["responses"].(map[string]any)
			for code := range resps {
				if code == "default" || strings.HasPrefix(code, "4") || strings.HasPrefix(code, "5") {
					doc.errorResps++
					break
				}
			}
		}
	}
	sort.Strings(doc.keys)
	if doc.major == 3 {
		comp, _ := m["components"].(map[string]any)
		ss, _ := comp["securitySchemes"].(map[string]any)
		doc.schemes = len(ss) > 0
	} else {
		sd, _ := m["securityDefinitions"].(map[string]any)
		doc.schemes = len(sd) > 0
	}
}

func nonEmpty(v any) bool {
	s, ok := v.(string)
	return ok && strings.TrimSpace(s) != ""
}

// walkRefs calls fn with every $ref string in the tree.
func walkRefs(v any, depth int, fn func(string)) {
	if depth > maxDepth {
		return
	}
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			if s, ok := e.(string); ok && k == "$ref" {
				fn(s)
				continue
			}
			walkRefs(e, depth+1, fn)
		}
	case []any:
		for _, e := range t {
			walkRefs(e, depth+1, fn)
		}
	}
}

const (
	refLocal = iota
	refFile
	refExternal
)

// classifyRef says whether a $ref stays in the document, points at another
// file of the tree (returning its path), or leaves the tree: a URL, an
// absolute path, or a relative path climbing above the root.
func classifyRef(docPath, ref string) (int, string) {
	if ref == "" || strings.HasPrefix(ref, "#") {
		return refLocal, ""
	}
	file, _, _ := strings.Cut(ref, "#")
	if strings.Contains(file, "://") || strings.HasPrefix(file, "//") || strings.HasPrefix(file, "/") ||
		strings.HasPrefix(file, `\`) || (len(file) > 1 && file[1] == ':') {
		return refExternal, ""
	}
	target := path.Join(path.Dir(docPath), file)
	if target == ".." || strings.HasPrefix(target, "../") {
		return refExternal, ""
	}
	return refFile, target
}

// validate loads the document with kin-openapi and validates it. $refs are
// served only from files already read from the tree; nothing is fetched.
func validate(doc *specDoc, data []byte, m map[string]any, files map[string][]byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), validateTimeout)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("validator failed on this document: %v", r)
			}
		}()
		done <- load(ctx, doc, data, m, files)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		// The goroutine is abandoned; kin-openapi takes no context while
		// resolving references.
		return errors.New("validation timed out")
	}
}

func load(ctx context.Context, doc *specDoc, data []byte, m map[string]any, files map[string][]byte) error {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	// A custom reader owns the access policy: only files of the tree that
	// were already read, never a URL or the local file system.
	loader.IsExternalRefsAllowed = true
	loader.ReadFromURIFunc = func(_ *openapi3.Loader, u *url.URL) ([]byte, error) {
		if u.Scheme != "" || u.Host != "" {
			return nil, fmt.Errorf("external $ref %s not followed", u)
		}
		p := strings.TrimPrefix(path.Clean(u.Path), "./")
		if b, ok := files[p]; ok {
			return b, nil
		}
		return nil, fmt.Errorf("$ref %s not followed: not a scanned file of the repository", u.Path)
	}
	loc := &url.URL{Path: doc.path}
	var d3 *openapi3.T
	if doc.major == 3 {
		var err error
		if d3, err = loader.LoadFromDataWithPath(data, loc); err != nil {
			return fmt.Errorf("load: %w", err)
		}
	} else {
		js := data
		if scan.Ext(doc.path) != ".json" {
			var err error
			if js, err = json.Marshal(m); err != nil {
				return fmt.Errorf("load: %w", err)
			}
		}
		var d2 openapi2.T
		if err := json.Unmarshal(js, &d2); err != nil {
			return fmt.Errorf("load: %w", err)
		}
		var err error
		if d3, err = openapi2conv.ToV3WithLoader(&d2, loader, loc); err != nil {
			return fmt.Errorf("convert swagger 2.0: %w", err)
		}
	}
	dropNamelessLicense(d3)
	if err := d3.Validate(ctx); err != nil {
		return fmt.Errorf("invalid: %w", err)
	}
	return nil
}

// dropNamelessLicense removes an info.license without a name before
// validation. swaggo writes `"license": {}` when no @license.name is given,
// and kin-openapi rejects it; a reviewer judges the API description, not
// its licence metadata, so the document is not held invalid for that.
func dropNamelessLicense(d *openapi3.T) {
	if d.Info != nil && d.Info.License != nil && d.Info.License.Name == "" {
		d.Info.License = nil
	}
}

// oneLine squeezes an error onto one short line.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 240 {
		s = string(r[:237]) + "..."
	}
	return s
}

// bestDoc picks the document to report: valid 3.x over valid 2.0 over
// invalid, then the one with most operations, then the shortest path.
func bestDoc(docs []*specDoc) *specDoc {
	var best *specDoc
	for _, d := range docs {
		if best == nil || d.rank() > best.rank() ||
			(d.rank() == best.rank() && (d.ops > best.ops ||
				(d.ops == best.ops && (len(d.path) < len(best.path) || (len(d.path) == len(best.path) && d.path < best.path))))) {
			best = d
		}
	}
	return best
}

// stripBOM strips a UTF-8 byte order mark, which some editors write.
func stripBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) }
