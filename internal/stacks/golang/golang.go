// Package golang is the stack pack of Go: its frameworks and the
// patterns vetfolio reads in its code.
package golang

import (
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Pack is the Go stack pack.
var Pack = &pack.Pack{
	ID:        "go",
	Name:      "Go",
	Ecosystem: "go",
	Languages: map[string]string{".go": "go"},
	Frameworks: []pack.Framework{
		{ID: "gin", Name: "Gin", Deps: []string{"github.com/gin-gonic/gin"}, Probe: pack.Probe{Docs: []string{"/swagger/index.html", "/docs"}, Spec: []string{"/swagger/doc.json"}}, Fixes: ginFixes},
		{ID: "echo", Name: "Echo", Deps: []string{"github.com/labstack/echo/v4", "github.com/labstack/echo/v5", "github.com/labstack/echo"}, Probe: pack.Probe{Docs: []string{"/swagger/index.html", "/docs"}, Spec: []string{"/swagger/doc.json"}}, Fixes: echoFixes},
		{ID: "chi", Name: "chi", Deps: []string{"github.com/go-chi/chi/v5", "github.com/go-chi/chi"}, Probe: pack.Probe{Docs: []string{"/swagger/index.html", "/docs"}, Spec: []string{"/swagger/doc.json"}}, Fixes: chiFixes},
		{ID: "fiber", Name: "Fiber", Deps: []string{"github.com/gofiber/fiber/v2", "github.com/gofiber/fiber/v3", "github.com/gofiber/fiber"}, Probe: pack.Probe{Docs: []string{"/swagger/index.html", "/docs"}, Spec: []string{"/swagger/doc.json"}}, Fixes: fiberFixes},
		{ID: "gorilla", Name: "Gorilla", Deps: []string{"github.com/gorilla/mux"}},
		// A Go API on the standard library: no manifest names it, the
		// stack detector infers it from net/http servers.
		{ID: "net-http", Name: "net/http", Probe: pack.Probe{Docs: []string{"/swagger/index.html", "/docs"}, Spec: []string{"/swagger/doc.json"}}},
	},
	Auth: pack.Auth{
		Libraries: []string{"golang-jwt/jwt", "echo-jwt", "gorilla/sessions", "golang.org/x/oauth2"},
		ProtectLookedFor: map[string]string{
			"": "an auth middleware applied with Use, With or a Group, or wrapping handlers (authMiddleware(handler))",
		},
		Code: []pack.Signal{
			pack.Sig(`"github\.com/(?:golang-jwt/jwt(?:/v\d+)?|dgrijalva/jwt-go|form3tech-oss/jwt-go)"`, "golang-jwt", "jwt", ""),
			pack.Sig(`"github\.com/lestrrat-go/jwx(?:/v\d+)?/`, "jwx", "jwt", ""),
			pack.Sig(`"github\.com/appleboy/gin-jwt(?:/v\d+)?"`, "gin-jwt", "jwt", ""),
			pack.Sig(`"github\.com/labstack/echo-jwt(?:/v\d+)?"|\bmiddleware\.JWT(?:WithConfig)?\(`, "echo-jwt", "jwt", ""),
			pack.Sig(`"github\.com/gofiber/(?:contrib/jwt|jwt(?:/v\d+)?)"`, "fiber-jwt", "jwt", ""),
			pack.Sig(`"golang\.org/x/oauth2(?:/[\w/]*)?"`, "golang.org/x/oauth2", "oauth", ""),
			pack.Sig(`"github\.com/markbates/goth(?:/[\w/]*)?"`, "goth", "oauth", ""),
			pack.Sig(`"github\.com/(?:gorilla/sessions|alexedwards/scs(?:/v\d+)?|gin-contrib/sessions)"`, "sessions", "session", ""),
			pack.Sig(`\.BasicAuth\(\)|middleware\.BasicAuth\(|gin\.BasicAuth\(`, "basic-auth", "basic", ""),
			pack.Sig(`"golang\.org/x/crypto/bcrypt"`, "", "", "bcrypt"),
			pack.Sig(`"golang\.org/x/crypto/argon2"|"github\.com/alexedwards/argon2id"`, "", "", "argon2"),
			pack.Sig(`"golang\.org/x/crypto/scrypt"`, "", "", "scrypt"),
			pack.Sig(`"golang\.org/x/crypto/pbkdf2"|"crypto/pbkdf2"`, "", "", "pbkdf2"),
			pack.Sig(`(?:sha256|sha1|md5|sha512)\.Sum(?:256|512)?\(\s*\[\]byte\(\s*\w*[Pp]assword`, "", "", "other"),
		},
		Deps: map[string]pack.DepSignal{
			"github.com/golang-jwt/jwt":       {Lib: "golang-jwt", Kind: "jwt", Hash: ""},
			"github.com/golang-jwt/jwt/v4":    {Lib: "golang-jwt", Kind: "jwt", Hash: ""},
			"github.com/golang-jwt/jwt/v5":    {Lib: "golang-jwt", Kind: "jwt", Hash: ""},
			"github.com/dgrijalva/jwt-go":     {Lib: "golang-jwt", Kind: "jwt", Hash: ""},
			"github.com/lestrrat-go/jwx":      {Lib: "jwx", Kind: "jwt", Hash: ""},
			"github.com/lestrrat-go/jwx/v2":   {Lib: "jwx", Kind: "jwt", Hash: ""},
			"github.com/appleboy/gin-jwt/v2":  {Lib: "gin-jwt", Kind: "jwt", Hash: ""},
			"github.com/labstack/echo-jwt/v4": {Lib: "echo-jwt", Kind: "jwt", Hash: ""},
			"github.com/gofiber/contrib/jwt":  {Lib: "fiber-jwt", Kind: "jwt", Hash: ""},
			"golang.org/x/oauth2":             {Lib: "golang.org/x/oauth2", Kind: "oauth", Hash: ""},
			"github.com/markbates/goth":       {Lib: "goth", Kind: "oauth", Hash: ""},
			"github.com/gorilla/sessions":     {Lib: "sessions", Kind: "session", Hash: ""},
			"github.com/alexedwards/scs/v2":   {Lib: "sessions", Kind: "session", Hash: ""},
			"github.com/alexedwards/argon2id": {Lib: "", Kind: "", Hash: "argon2"},
		},
		KeyAssign: scan.MustCompile(`\b(\w*(?:secret|Secret|SECRET|SigningKey|signingKey|jwtKey|JWTKey)\w*)\s*(?::=|=)\s*(?:\[\]byte\(\s*)?"([^"\n]*)"`),
	},
	Errors: pack.Errors{
		// Where a handler is registered: echo's HTTPErrorHandler, fiber's
		// Config.ErrorHandler, gin's CustomRecovery. Error writers and gin
		// middleware reading c.Errors count once used (internal/detect/code).
		LookedFor: map[string]string{
			"":      "an error-writing helper that handlers call (writeError, respondWithError) or an error middleware applied with Use",
			"echo":  "e.HTTPErrorHandler = ..., or an error-writing helper that handlers call",
			"fiber": "fiber.Config{ErrorHandler: ...}, or an error-writing helper that handlers call",
			"gin":   "a middleware reading c.Errors applied with Use, gin.CustomRecovery(...), or an error-writing helper that handlers call",
		},
		Central: scan.MustCompile(`\.HTTPErrorHandler\s*=|\bErrorHandler\s*:\s*\w|\bgin\.CustomRecovery(?:WithWriter)?\s*\(`),
		Status: []pack.StatusPattern{
			pack.Name(`\b(?:http|fiber)\.Status(\w+)`),
			pack.Name(`\b(?:echo|fiber)\.Err(\w+)`),
			pack.Num(`WriteHeader\(\s*([45]\d\d)\b`),
			pack.Num(`\.(?:JSON|IndentedJSON|String|Status|SendStatus|AbortWithStatus|AbortWithStatusJSON|NoContent)\(\s*([45]\d\d)\b`),
			pack.Num(`http\.Error\([^\n]*,\s*([45]\d\d)\s*\)`),
			pack.Num(`(?:fiber\.NewError|echo\.NewHTTPError)\(\s*([45]\d\d)\b`),
		},
	},
	Logging: pack.Logging{
		Middleware:  scan.MustCompile(`\)\s*(?:gin\.HandlerFunc|echo\.MiddlewareFunc|fiber\.Handler)\s*\{|\bfunc\s*(?:\w+\s*)?\(\s*next\s+(?:echo\.HandlerFunc|http\.Handler)\s*\)`),
		LogsRequest: scan.MustCompile(`\b(?:log\w*|slog|zap|l)\.\w+\((?s:[^{}]{0,600}?)(?:\.Request(?:\(\))?\.(?:Method|URL|RequestURI)\b|\b(?:r|req)\.Method\b|\b(?:r|req)\.URL\.Path\b|\bc\.Method\(\)|\bc\.Path\(\)|\bc\.OriginalURL\(\))`),
		Patterns: []pack.LogPattern{
			pack.Log("log", pack.LogUse, `\blog\.(?:Print|Printf|Println|Fatal|Fatalf)\(`, ""),
			pack.Log("slog", pack.LogUse, `\bslog\.(?:Info|Error|Warn|Debug)\(`, ""),
			pack.Log("slog", pack.LogConfigured, `\bslog\.New\(|\bslog\.SetDefault\(`, ""),
			pack.Log("zap", pack.LogConfigured, `\bzap\.New(?:Production|Development|Example)?\(|zap\.Config\{|zap\.NewProductionConfig\(`, ""),
			pack.Log("zerolog", pack.LogConfigured, `\bzerolog\.New\(|zerolog\.SetGlobalLevel\(|\blog\.Logger\s*=`, "zerolog"),
			pack.Log("logrus", pack.LogConfigured, `\blogrus\.New\(\)|\b(?:logrus|log)\.Set(?:Formatter|Level|Output)\(`, "logrus"),
			pack.Log("gin", pack.LogRequest, `\bgin\.Default\(\)|\bgin\.Logger\(|\bgin\.LoggerWithConfig\(|\bginzap\.|\bsloggin\.`, ""),
			pack.Log("echo", pack.LogRequest, `middleware\.(?:Logger|LoggerWithConfig|RequestLogger|RequestLoggerWithConfig)\(`, "labstack/echo"),
			pack.Log("chi", pack.LogRequest, `middleware\.(?:Logger|RequestLogger)\b`, "chi"),
			pack.Log("fiber", pack.LogRequest, `\blogger\.New\(`, "middleware/logger"),
			pack.Log("gorilla", pack.LogRequest, `handlers\.(?:Combined)?LoggingHandler\(`, ""),
			pack.Log("zerolog", pack.LogRequest, `\bhlog\.(?:NewHandler|AccessHandler)\(`, ""),
			pack.Log("log", pack.LogRequest, `func\s+\w*[Ll]og\w*\s*\(\s*next\s+http\.Handler\s*\)\s*http\.Handler`, ""),
		},
	},
	Tests: pack.Tests{
		Languages: map[string]pack.TestLanguage{
			"go": {Test: scan.MustCompile(`(?m)^func\s+Test\w*\s*\(\s*\w+\s+\*testing\.T\s*\)|^func\s+\([^)]*\)\s+Test\w*\s*\(\s*\)|\bginkgo\b[\s\S]*\bDescribe\(`),
				Frameworks: []pack.Named{
					pack.N("go-test", `"testing"`),
				},
				Integration: scan.MustCompile(`\bhttptest\.|\.ServeHTTP\(|\bapp\.Test\(|\bhttpexpect\.|\bapitest\.`),
			},
		},
		Framework: func(string, string, facts.Stack) string { return "go-test" },
	},
	Database: pack.Database{Schema: append([]schema.Reader{migrateReader, gooseReader}, schemaReaders...)},
	Fixes:    fixes,
}
