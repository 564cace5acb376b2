package security

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
)

type kind int

const (
	// aux signals are prerequisites of others, never reported themselves.
	aux kind = iota
	validation
	rateLimit
	cors
	corsWildcard
)

// signal is one piece of evidence: a library imported, a middleware
// installed, a setting written.
type signal struct {
	kind kind
	// name is the value written into the facts (Validation, RateLimit).
	name  string
	langs map[string]bool
	// keywords: the file must contain one before the regexp runs (cheap
	// precheck); with no regexp the first keyword found is the evidence.
	keywords []string
	re       *scan.Regexp
	// fn replaces re when a regexp cannot say it.
	fn func(data []byte) int
	// frameworks, when set, limits the signal to these Stack.Framework values.
	frameworks []string
	// requires names an aux signal that must also be present.
	requires string
}

func (s *signal) match(data []byte) int {
	first := -1
	if len(s.keywords) == 0 {
		first = 0 // a pack's signal: no precheck
	}
	for _, kw := range s.keywords {
		// The file's literal index rules most keywords out without a
		// search (data is the collector's lent buffer).
		if !scan.MayContain(data, kw) {
			continue
		}
		if i := bytes.Index(data, []byte(kw)); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	if first < 0 {
		return -1
	}
	switch {
	case s.fn != nil:
		return s.fn(data)
	case s.re != nil:
		if loc := s.re.FindIndex(data); loc != nil {
			return loc[0]
		}
		return -1
	}
	return first
}

func langs(l ...string) map[string]bool {
	m := map[string]bool{}
	for _, s := range l {
		m[s] = true
	}
	return m
}

var (
	py     = langs("python")
	jvm    = langs("java", "kotlin")
	jvmCfg = langs("java", "kotlin", "config")
	node   = langs("javascript", "typescript")
	golang = langs("go")
	all    = langs("python", "java", "kotlin", "javascript", "typescript", "go")
)

// pyImport matches `import mod` or `from mod import` for any of mods.
func pyImport(mods ...string) *scan.Regexp {
	return scan.MustCompile(`(?m)^[ \t]*(?:from|import)[ \t]+(?:` + strings.Join(quoteAll(mods), "|") + `)\b`)
}

// nodeImport matches require('pkg'), import ... from 'pkg' and import 'pkg'.
func nodeImport(pkgs ...string) *scan.Regexp {
	return scan.MustCompile(`(?:require\s*\(\s*|from\s+|import\s+|import\s*\(\s*)['"](?:` + strings.Join(quoteAll(pkgs), "|") + `)(?:/[^'"]*)?['"]`)
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = regexp.QuoteMeta(v)
	}
	return out
}

var (
	rePydanticClass  = scan.MustCompile(`class\s+\w+\s*\(\s*(?:pydantic\.|sqlmodel\.)?(?:BaseModel|SQLModel)\b`)
	rePydanticImport = scan.MustCompile(`(?m)^[ \t]*(?:from[ \t]+(?:pydantic|sqlmodel)\b|import[ \t]+(?:pydantic|sqlmodel)\b)`)
)

// pydanticModel finds a pydantic or SQLModel model class, in a file that
// imports the library: a Django project's own abstract BaseModel is not a
// validation library.
func pydanticModel(data []byte) int {
	loc := rePydanticClass.FindIndex(data)
	if loc == nil || !rePydanticImport.Match(data) {
		return -1
	}
	return loc[0]
}

// signals are tried on every source file of their languages; the first
// file holding each signal is its evidence.
var signals = []*signal{
	// Validation.
	{kind: validation, name: "pydantic", langs: py, keywords: []string{"BaseModel", "SQLModel"},
		fn: pydanticModel},
	{kind: validation, name: "drf-serializers", langs: py, keywords: []string{"Serializer"},
		re: scan.MustCompile(`\bserializers\.(?:Model|HyperlinkedModel)?Serializer\b`)},
	{kind: validation, name: "django-forms", langs: py, keywords: []string{"forms."}, frameworks: []string{"django"},
		re: scan.MustCompile(`class\s+\w+\s*\(\s*forms\.(?:Model)?Form\b`)},
	{kind: validation, name: "marshmallow", langs: py, keywords: []string{"marshmallow"},
		re: pyImport("marshmallow", "flask_marshmallow", "marshmallow_sqlalchemy", "marshmallow_dataclass")},
	{kind: validation, name: "wtforms", langs: py, keywords: []string{"wtforms", "flask_wtf"}, re: pyImport("wtforms", "flask_wtf")},
	{kind: validation, name: "webargs", langs: py, keywords: []string{"webargs"}, re: pyImport("webargs")},
	// flask-restx / flask-restplus check bodies against api.model only when asked.
	{kind: validation, name: "flask-restx", langs: py, keywords: []string{"validate", "VALIDATE"},
		re: scan.MustCompile(`\.expect\([^)\n]*\bvalidate\s*=\s*True|\bRESTX_VALIDATE\b[^\n]*True|\bRESTPLUS_VALIDATE\b[^\n]*True|\bApi\([^)]*\bvalidate\s*=\s*True`)},
	{kind: validation, name: "bean-validation", langs: jvm, keywords: []string{"@Valid"},
		re: scan.MustCompile(`@Valid(?:ated)?\b`)},
	{kind: aux, name: "validation-pipe", langs: node, keywords: []string{"ValidationPipe"},
		re: scan.MustCompile(`\bValidationPipe\b`)},
	{kind: validation, name: "class-validator", langs: node, keywords: []string{"class-validator"},
		re: nodeImport("class-validator"), requires: "validation-pipe"},
	{kind: validation, name: "zod", langs: node, keywords: []string{"zod"}, re: nodeImport("zod", "nestjs-zod")},
	{kind: validation, name: "joi", langs: node, keywords: []string{"joi"}, re: nodeImport("joi", "@hapi/joi")},
	{kind: validation, name: "celebrate", langs: node, keywords: []string{"celebrate"}, re: nodeImport("celebrate")},
	{kind: validation, name: "express-validator", langs: node, keywords: []string{"express-validator"}, re: nodeImport("express-validator")},
	{kind: validation, name: "yup", langs: node, keywords: []string{"yup"}, re: nodeImport("yup")},
	{kind: validation, name: "ajv", langs: node, keywords: []string{"ajv"}, re: nodeImport("ajv")},
	{kind: validation, name: "typebox", langs: node, keywords: []string{"typebox"}, re: nodeImport("@sinclair/typebox", "@fastify/type-provider-typebox")},
	{kind: validation, name: "fastify-schema", langs: node, keywords: []string{"schema"}, frameworks: []string{"fastify"},
		re: scan.MustCompile(`\bschema\s*:\s*[{\w]`)},
	{kind: validation, name: "validator", langs: golang, keywords: []string{`"github.com/go-playground/validator`, `validate:"`},
		re: scan.MustCompile(`"github\.com/go-playground/validator|validate:"[^"]*required`)},
	{kind: validation, name: "ozzo-validation", langs: golang, keywords: []string{`"github.com/go-ozzo/ozzo-validation`}},
	{kind: validation, name: "gin-binding", langs: golang, keywords: []string{`binding:"`},
		re: scan.MustCompile(`binding:"[^"\-]`)},

	// Rate limiting.
	{kind: rateLimit, name: "slowapi", langs: py, keywords: []string{"slowapi"}, re: pyImport("slowapi")},
	{kind: rateLimit, name: "fastapi-limiter", langs: py, keywords: []string{"fastapi_limiter"}, re: pyImport("fastapi_limiter")},
	{kind: rateLimit, name: "django-ratelimit", langs: py, keywords: []string{"ratelimit"}, re: pyImport("django_ratelimit", "ratelimit")},
	{kind: rateLimit, name: "drf-throttling", langs: py, keywords: []string{"DEFAULT_THROTTLE_CLASSES", "throttle_classes", "DEFAULT_THROTTLE_RATES"}},
	{kind: rateLimit, name: "flask-limiter", langs: py, keywords: []string{"flask_limiter"}, re: pyImport("flask_limiter")},
	{kind: rateLimit, name: "bucket4j", langs: jvm, keywords: []string{"bucket4j"},
		re: scan.MustCompile(`import\s+(?:io|com)\.github\.bucket4j`)},
	{kind: rateLimit, name: "resilience4j", langs: jvmCfg, keywords: []string{"resilience4j", "@RateLimiter"},
		re: scan.MustCompile(`io\.github\.resilience4j\.ratelimiter|@RateLimiter\s*\(|resilience4j\s*[.:]\s*ratelimiter`)},
	{kind: rateLimit, name: "spring-cloud-gateway", langs: jvmCfg, keywords: []string{"RequestRateLimiter"}},
	{kind: rateLimit, name: "guava-ratelimiter", langs: jvm, keywords: []string{"com.google.common.util.concurrent.RateLimiter"}},
	{kind: rateLimit, name: "express-rate-limit", langs: node, keywords: []string{"express-rate-limit"}, re: nodeImport("express-rate-limit")},
	{kind: rateLimit, name: "rate-limiter-flexible", langs: node, keywords: []string{"rate-limiter-flexible"}, re: nodeImport("rate-limiter-flexible")},
	{kind: rateLimit, name: "express-slow-down", langs: node, keywords: []string{"express-slow-down"}, re: nodeImport("express-slow-down")},
	{kind: rateLimit, name: "nestjs-throttler", langs: node, keywords: []string{"@nestjs/throttler"}, re: nodeImport("@nestjs/throttler")},
	{kind: rateLimit, name: "fastify-rate-limit", langs: node, keywords: []string{"rate-limit"}, re: nodeImport("@fastify/rate-limit", "fastify-rate-limit")},
	{kind: rateLimit, name: "x-time-rate", langs: golang, keywords: []string{`"golang.org/x/time/rate"`}},
	{kind: rateLimit, name: "ulule-limiter", langs: golang, keywords: []string{`"github.com/ulule/limiter`}},
	{kind: rateLimit, name: "tollbooth", langs: golang, keywords: []string{`"github.com/didip/tollbooth`}},
	{kind: rateLimit, name: "httprate", langs: golang, keywords: []string{`"github.com/go-chi/httprate"`}},
	{kind: rateLimit, name: "echo-rate-limiter", langs: golang, keywords: []string{"middleware.RateLimiter"}},
	{kind: rateLimit, name: "fiber-limiter", langs: golang, keywords: []string{`/middleware/limiter"`}},
	{kind: rateLimit, name: "gin-rate-limit", langs: golang, keywords: []string{`gin-rate-limit"`, `"github.com/ulule/limiter/v3/drivers/middleware/gin"`}},
	{kind: rateLimit, name: "go-limiter", langs: golang, keywords: []string{`"github.com/sethvargo/go-limiter`, `"github.com/throttled/throttled`}},

	// CORS wildcards come before the plain CORS signals of the same file,
	// so a wildcard is always recorded.
	{kind: corsWildcard, name: "fastapi-cors-wildcard", langs: py, keywords: []string{"allow_origins", "allow_origin_regex"},
		re: scan.MustCompile(`allow_origins\s*=\s*\[\s*["']\*["']\s*\]|allow_origin_regex\s*=\s*r?["']\.\*["']`)},
	// django-cors-headers does nothing until its middleware is in
	// MIDDLEWARE: an installed app alone answers no CORS request.
	{kind: aux, name: "django-cors-middleware", langs: py, keywords: []string{"CorsMiddleware"},
		re: scan.MustCompile(`["']corsheaders\.middleware\.CorsMiddleware["']`)},
	{kind: corsWildcard, name: "django-cors-allow-all", langs: py, keywords: []string{"ALLOW_ALL"},
		re: scan.MustCompile(`CORS_(?:ORIGIN_)?ALLOW_ALL(?:_ORIGINS)?\s*=\s*True`), requires: "django-cors-middleware"},
	{kind: corsWildcard, name: "flask-cors-wildcard", langs: py, keywords: []string{"CORS("},
		re: scan.MustCompile(`\bCORS\(\s*\w+\s*(?:,\s*supports_credentials\s*=\s*True\s*)?\)|\bCORS\([^)]*origins["']?\s*[=:]\s*["']\*["']`)},
	{kind: corsWildcard, name: "spring-cross-origin-any", langs: jvm, keywords: []string{"@CrossOrigin"}, fn: crossOriginAny},
	{kind: corsWildcard, name: "spring-cors-wildcard", langs: jvmCfg, keywords: []string{"Cors", "cors", "allowed-origins", "allowedOrigins"},
		re: scan.MustCompile(`(?:allowedOrigins|allowedOriginPatterns|addAllowedOrigin|addAllowedOriginPattern)\(\s*"\*"\s*\)|setAllowedOrigin(?:Pattern)?s\(\s*(?:[A-Za-z.]+\(\s*)?"\*"|allowed-?[oO]rigin(?:-?[pP]atterns|s)\s*[:=]\s*["']?\*`)},
	{kind: corsWildcard, name: "node-cors-wildcard", langs: node, keywords: []string{"cors", "Cors"},
		re: scan.MustCompile(`\bcors\(\s*\)|\borigin\s*:\s*(?:['"]\*['"]|true\b)|enableCors\(\s*\)|\bcors\s*:\s*true\b`)},
	{kind: corsWildcard, name: "go-cors-wildcard", langs: golang, keywords: []string{"cors", "CORS"},
		re: scan.MustCompile(`AllowedOrigins:\s*\[\]string\{\s*"\*"|AllowOrigins:\s*(?:\[\]string\{\s*)?"\*"|AllowAllOrigins:\s*true|cors\.AllowAll\(\)|cors\.Default\(\)|middleware\.CORS\(\)|cors\.New\(\s*\)`)},
	{kind: corsWildcard, name: "header-wildcard", langs: all, keywords: []string{"Access-Control-Allow-Origin"},
		re: scan.MustCompile(`Access-Control-Allow-Origin["']\]?\s*[,:=]\s*["']\*["']`)},

	{kind: cors, name: "fastapi-cors", langs: py, keywords: []string{"CORSMiddleware"}},
	{kind: cors, name: "django-cors-headers", langs: py, keywords: []string{"corsheaders"}, requires: "django-cors-middleware"},
	{kind: cors, name: "flask-cors", langs: py, keywords: []string{"flask_cors"}, re: pyImport("flask_cors")},
	{kind: cors, name: "spring-cors", langs: jvmCfg, keywords: []string{"@CrossOrigin", "CorsConfiguration", "addCorsMappings", "CorsRegistry", ".cors(", "allowed-origins", "allowedOrigins"}},
	{kind: cors, name: "node-cors", langs: node, keywords: []string{"cors"}, re: nodeImport("cors", "@fastify/cors", "fastify-cors")},
	{kind: cors, name: "nestjs-cors", langs: node, keywords: []string{"enableCors", "cors:"},
		re: scan.MustCompile(`enableCors\(|NestFactory\.create[^;]*\bcors\s*:`)},
	{kind: cors, name: "go-cors", langs: golang, keywords: []string{`"github.com/rs/cors"`, `"github.com/go-chi/cors"`, `"github.com/gin-contrib/cors"`, "middleware.CORS", `/middleware/cors"`}},
	{kind: cors, name: "header-cors", langs: all, keywords: []string{"Access-Control-Allow-Origin"}},
}

// crossOriginAny finds a Spring @CrossOrigin that allows every origin:
// bare, with no origins attribute (Spring then allows all), or with "*".
func crossOriginAny(data []byte) int {
	const ann = "@CrossOrigin"
	for from := 0; ; {
		i := bytes.Index(data[from:], []byte(ann))
		if i < 0 {
			return -1
		}
		at := from + i
		rest := data[at+len(ann):]
		from = at + len(ann)
		t := bytes.TrimLeft(rest, " \t\r\n")
		if len(t) == 0 || t[0] != '(' {
			return at // bare annotation
		}
		end := bytes.IndexByte(t, ')')
		if end < 0 {
			end = min(len(t), 400)
		}
		args := t[1:end]
		trimmed := bytes.TrimSpace(args)
		switch {
		case bytes.Contains(args, []byte(`"*"`)):
			return at
		case len(trimmed) > 0 && (trimmed[0] == '"' || trimmed[0] == '{'):
			// @CrossOrigin("https://app.example.com"): the value is the origins.
		case bytes.Contains(args, []byte("origins")) || bytes.Contains(args, []byte("value")) || bytes.Contains(args, []byte("originPatterns")):
		default:
			return at
		}
	}
}

// packKinds maps a pack's SecuritySignal.Kind to the engine's kinds.
var packKinds = map[string]kind{"validation": validation, "rate-limit": rateLimit, "cors": cors, "cors-wildcard": corsWildcard}

// packSignals are the stack packs' security signals (Pack.Security).
var packSignals = func() []*signal {
	var out []*signal
	for _, pk := range stacks.All() {
		langs := map[string]bool{}
		for _, l := range pk.Languages {
			langs[l] = true
		}
		for _, ps := range pk.Security {
			k, ok := packKinds[ps.Kind]
			if !ok {
				continue // stacks.Validate rejects it in the registry's test
			}
			out = append(out, &signal{kind: k, name: ps.Name, langs: langs, re: ps.Re})
		}
	}
	return out
}()

// allSignals are the engine's signals and the packs'.
var allSignals = append(append([]*signal{}, signals...), packSignals...)
