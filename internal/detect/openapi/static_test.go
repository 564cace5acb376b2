package openapi

import (
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/detect/code"
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// run feeds files to a fresh detector and returns what it found.
func run(t *testing.T, st facts.Stack, files map[string]string) facts.OpenAPI {
	t.Helper()
	d := New()
	for p, c := range files {
		f := scan.File{Path: p}
		if d.Wants(scan.Classify(p)) {
			f.Data = []byte(c)
		}
		d.Scan(f)
	}
	inv := &facts.Facts{Stack: st}
	d.Finish(inv)
	joinLikeTheCollector(inv)
	return inv.OpenAPI
}

// joinLikeTheCollector completes the facts as internal/collect's join
// does once the code detector's routes are merged.
func joinLikeTheCollector(inv *facts.Facts) {
	if at := inv.OpenAPI.ImplementedAt; at != nil {
		code.AddDocumentRoutes(inv, inv.OpenAPI.OperationKeys, *at)
	}
	CountRoutes(&inv.OpenAPI, inv.Endpoints)
}

const spec30 = `openapi: 3.0.3
info:
  title: Todo API
  version: 1.0.0
paths:
  /todos:
    get:
      summary: List todos
      responses:
        "200":
          description: the todos
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: '#/components/schemas/Todo'
    post:
      summary: Create a todo
      security:
        - bearerAuth: []
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Todo'
      responses:
        201:
          description: created
        400:
          description: invalid body
  /todos/{id}:
    delete:
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: integer
      responses:
        "204":
          description: deleted
        default:
          description: error
components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
      bearerFormat: JWT
  schemas:
    Todo:
      type: object
      required: [title]
      properties:
        id:
          type: integer
        title:
          type: string
`

const spec31 = `{
  "openapi": "3.1.0",
  "info": {"title": "Notes", "version": "2.0.0"},
  "paths": {
    "/notes": {
      "get": {
        "description": "All notes of the caller",
        "responses": {"200": {"description": "ok"}, "401": {"description": "no token"}}
      }
    }
  },
  "components": {"schemas": {"Note": {"type": ["string", "null"]}}}
}`

const swagger20 = `swagger: "2.0"
info:
  title: Pet store
  version: "1.0"
basePath: /api/v1
paths:
  /pets:
    get:
      summary: List pets
      produces: [application/json]
      responses:
        200:
          description: pets
          schema:
            type: array
            items:
              $ref: '#/definitions/Pet'
        500:
          description: server error
securityDefinitions:
  ApiKeyAuth:
    type: apiKey
    in: header
    name: Authorization
definitions:
  Pet:
    type: object
    properties:
      name:
        type: string
`

func TestStaticDocuments(t *testing.T) {
	tests := []struct {
		name      string
		files     map[string]string
		kind      string
		path      string
		version   string
		valid     bool
		ops, desc int
		errs      int
		schemes   bool
	}{
		{"openapi 3.0 yaml", map[string]string{"openapi.yaml": spec30}, kindStatic, "openapi.yaml", "3.0.3", true, 3, 2, 2, true},
		{"openapi 3.1 json in docs", map[string]string{"docs/api.json": spec31}, kindStatic, "docs/api.json", "3.1.0", true, 1, 1, 1, false},
		{"swagger 2.0", map[string]string{"api/swagger.yml": swagger20}, kindStatic, "api/swagger.yml", "2.0", true, 1, 1, 1, true},
		{"not openapi", map[string]string{"docs/mkdocs.yml": "site_name: Todo\nnav:\n  - Home: index.md\n"}, kindNone, "", "", false, 0, 0, 0, false},
		{"openapi key not at top level", map[string]string{"api/config.yaml": "server:\n  openapi: 3.0.0\n"}, kindNone, "", "", false, 0, 0, 0, false},
		{"not a candidate name", map[string]string{"config/app.yaml": spec30}, kindNone, "", "", false, 0, 0, 0, false},
		{"best of several", map[string]string{"swagger.yaml": swagger20, "spec/openapi.yaml": spec30}, kindStatic, "spec/openapi.yaml", "3.0.3", true, 3, 2, 2, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := run(t, facts.Stack{}, tc.files)
			if got.Kind != tc.kind || got.Path != tc.path || got.Version != tc.version || got.Valid != tc.valid {
				t.Fatalf("got kind=%q path=%q version=%q valid=%v err=%q", got.Kind, got.Path, got.Version, got.Valid, got.Error)
			}
			if got.Operations != tc.ops || got.Described != tc.desc || got.ErrorResponses != tc.errs || got.SecuritySchemes != tc.schemes {
				t.Errorf("got ops=%d described=%d errors=%d schemes=%v", got.Operations, got.Described, got.ErrorResponses, got.SecuritySchemes)
			}
			if tc.kind == kindStatic && (len(got.Evidence) == 0 || got.Evidence[0] != (facts.Location{Path: tc.path, Line: 1})) {
				t.Errorf("evidence = %v", got.Evidence)
			}
		})
	}
}

func TestOperationKeys(t *testing.T) {
	got := run(t, facts.Stack{}, map[string]string{"openapi.yaml": spec30})
	want := "DELETE /todos/{id},GET /todos,POST /todos"
	if s := strings.Join(got.OperationKeys, ","); s != want {
		t.Errorf("keys = %s, want %s", s, want)
	}
}

func TestBrokenDocuments(t *testing.T) {
	tests := []struct {
		name, path, content, errHas string
	}{
		{"missing info", "openapi.yaml", "openapi: 3.0.0\npaths: {}\n", "info"},
		{"bad ref", "openapi.yaml", "openapi: 3.0.0\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          $ref: '#/components/responses/Nope'\n", "Nope"},
		{"unparsable yaml", "swagger.yaml", "swagger: \"2.0\"\ninfo: [unclosed\n", "parse"},
		{"unparsable json", "openapi.json", `{"openapi": "3.0.0", "info": }`, "parse"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := run(t, facts.Stack{}, map[string]string{tc.path: tc.content})
			if got.Kind != kindStatic || got.Valid {
				t.Fatalf("got kind=%q valid=%v, want an invalid static document", got.Kind, got.Valid)
			}
			if got.Error == "" || strings.ContainsAny(got.Error, "\n\r") || !strings.Contains(got.Error, tc.errHas) {
				t.Errorf("error = %q, want one line mentioning %q", got.Error, tc.errHas)
			}
		})
	}
}

func TestExternalRefsAreNotFetched(t *testing.T) {
	const doc = `openapi: 3.0.0
info: {title: x, version: "1"}
paths:
  /users:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: 'http://127.0.0.1:1/x.yaml#/User'
        "404":
          $ref: '../../outside.yaml#/NotFound'
`
	start := time.Now()
	got := run(t, facts.Stack{}, map[string]string{"api/openapi.yaml": doc})
	if time.Since(start) > 5*time.Second {
		t.Fatalf("took %v: something was fetched", time.Since(start))
	}
	if got.Valid || !strings.Contains(got.Error, "not followed") {
		t.Errorf("valid=%v error=%q, want not validated", got.Valid, got.Error)
	}
	want := map[string]bool{"http://127.0.0.1:1/x.yaml#/User": true, "../../outside.yaml#/NotFound": true}
	if len(got.ExternalRefs) != 2 || !want[got.ExternalRefs[0]] || !want[got.ExternalRefs[1]] {
		t.Errorf("external refs = %v", got.ExternalRefs)
	}
	if got.Operations != 1 || got.ErrorResponses != 1 {
		t.Errorf("ops=%d errors=%d, still counted from the raw document", got.Operations, got.ErrorResponses)
	}
}

func TestInTreeFileRefs(t *testing.T) {
	root := `openapi: 3.0.0
info: {title: x, version: "1"}
paths:
  /users:
    get:
      summary: list
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: './schemas/user.yaml'
`
	got := run(t, facts.Stack{}, map[string]string{
		"api/openapi.yaml":      root,
		"api/schemas/user.yaml": "type: object\nproperties:\n  name: {type: string}\n",
	})
	if !got.Valid || len(got.ExternalRefs) != 0 {
		t.Errorf("valid=%v error=%q refs=%v, want a valid multi-file document", got.Valid, got.Error, got.ExternalRefs)
	}
	got = run(t, facts.Stack{}, map[string]string{"api/openapi.yaml": root})
	if got.Valid || !strings.Contains(got.Error, "schemas/user.yaml") {
		t.Errorf("valid=%v error=%q, want the missing file named", got.Valid, got.Error)
	}
}

func TestSelfReferencingSchema(t *testing.T) {
	const doc = `openapi: 3.0.0
info: {title: tree, version: "1"}
paths:
  /nodes:
    get:
      summary: tree
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Node'
components:
  schemas:
    Node:
      type: object
      properties:
        children:
          type: array
          items:
            $ref: '#/components/schemas/Node'
        parent:
          $ref: '#/components/schemas/Node'
`
	done := make(chan facts.OpenAPI, 1)
	go func() { done <- run(t, facts.Stack{}, map[string]string{"openapi.yaml": doc}) }()
	select {
	case got := <-done:
		if !got.Valid {
			t.Errorf("error = %q, want valid", got.Error)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("self-referencing schema hangs")
	}
}

func TestLargeAndHostileInput(t *testing.T) {
	var b strings.Builder
	b.WriteString("openapi: 3.0.0\ninfo: {title: big, version: '1'}\npaths:\n")
	for i := 0; b.Len() < 900<<10; i++ {
		b.WriteString("  /r" + strings.Repeat("x", 3) + itoa(i) + ":\n    get:\n      summary: s\n      responses:\n        '200': {description: ok}\n        '404': {description: nf}\n")
	}
	start := time.Now()
	got := run(t, facts.Stack{}, map[string]string{"openapi.yaml": b.String()})
	if !got.Valid || got.Operations < 1000 || got.ErrorResponses != got.Operations {
		t.Errorf("valid=%v err=%q ops=%d errors=%d", got.Valid, got.Error, got.Operations, got.ErrorResponses)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("large document took %v", d)
	}
	// Invalid UTF-8, binary noise, deep nesting: never a panic.
	for _, c := range []string{
		"openapi: \xff\xfe\x00\n",
		"openapi: 3.0.0\n" + strings.Repeat("a:\n ", 400),
		"openapi: 3.0.0\nx: " + strings.Repeat("[", 5000),
		"swagger: '2.0'\npaths: 7\n",
		"openapi: 3.0.0\npaths:\n  /a: [1, 2]\n",
	} {
		_ = run(t, facts.Stack{}, map[string]string{"openapi.yaml": c})
	}
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

func TestSpecCandidate(t *testing.T) {
	for p, want := range map[string]bool{
		"openapi.yaml": true, "swagger.json": true, "api.yml": true, "docs/anything.yaml": true,
		"backend/api/spec.json": true, "src/main/resources/static/openapi.yml": true, "petstore.openapi.json": true,
		"api-docs.json": true, "docs/api/v1.yaml": true,
		"package.json": false, "api/package.json": false, "config/settings.yaml": false, ".github/workflows/ci.yml": false,
		"docker-compose.yml": false, "api/tsconfig.json": false,
	} {
		if got := specCandidate(p); got != want {
			t.Errorf("specCandidate(%q) = %v, want %v", p, got, want)
		}
	}
}

func fileOf(p, c string) scan.File { return scan.File{Path: p, Data: []byte(c)} }

// swaggoDoc is what `swag init` writes for a gin API whose general
// annotations name no licence: an empty contact and licence object.
const swaggoDoc = `{
    "swagger": "2.0",
    "info": {
        "description": "Bookstore REST API",
        "title": "Bookstore API",
        "contact": {},
        "license": {},
        "version": %s
    },
    "host": "localhost:8080",
    "basePath": "/api/v1",
    "paths": {
        "/books": {
            "get": {
                "produces": ["application/json"],
                "tags": ["books"],
                "summary": "List books",
                "responses": {
                    "200": {"description": "OK", "schema": {"type": "array", "items": {"$ref": "#/definitions/models.Book"}}},
                    "500": {"description": "Internal Server Error", "schema": {"$ref": "#/definitions/httputil.HTTPError"}}
                }
            }
        }
    },
    "definitions": {
        "httputil.HTTPError": {"type": "object", "properties": {"message": {"type": "string"}}},
        "models.Book": {"type": "object", "properties": {"id": {"type": "integer"}, "title": {"type": "string"}}}
    }
}`

func TestNamelessLicenseIsNotInvalid(t *testing.T) {
	tests := []struct {
		name, path, content string
		valid               bool
		errHas              string
	}{
		{"swaggo empty licence", "docs/swagger.json", strings.Replace(swaggoDoc, "%s", `"1.0"`, 1), true, ""},
		{"openapi 3 licence without name", "openapi.yaml", "openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\n  license:\n    url: https://opensource.org/licenses/MIT\npaths: {}\n", true, ""},
		// Only the licence is forgiven: a missing version is still an error.
		{"swaggo empty licence and version", "docs/swagger.json", strings.Replace(swaggoDoc, "%s", `""`, 1), false, "version"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := run(t, facts.Stack{Language: "go", Framework: "gin"}, map[string]string{tc.path: tc.content})
			if got.Kind != kindStatic || got.Valid != tc.valid {
				t.Fatalf("got kind=%q valid=%v err=%q, want static valid=%v", got.Kind, got.Valid, got.Error, tc.valid)
			}
			if tc.valid && got.Error != "" {
				t.Errorf("error = %q, want none for a valid document", got.Error)
			}
			if !tc.valid && !strings.Contains(got.Error, tc.errHas) {
				t.Errorf("error = %q, want it to mention %q", got.Error, tc.errHas)
			}
		})
	}
}
