package probe

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// leakPattern finds one kind of disclosure in a response body. The regular
// expression runs only when one of the literal hints occurs, which keeps
// scanning a 1 MiB body cheap.
type leakPattern struct {
	kind  string
	hints []string
	re    *scan.Regexp
}

// leakPatterns are checked against every body read. Each is anchored on
// text a framework writes, not on words an API could legitimately return.
var leakPatterns = []leakPattern{
	// Django writes a typographic apostrophe ("You’re", since 3.0) in its
	// 404 and 500 debug pages; older versions an ASCII or escaped one.
	{"debug-page", []string{"DEBUG = True"}, scan.MustCompile(`You(?:'|’|&#x27;|&#39;|&rsquo;)re seeing this error because you have (?:<code>)?DEBUG = True`)},
	{"debug-page", []string{"Whitelabel"}, scan.MustCompile(`Whitelabel Error Page`)},
	{"debug-page", []string{"Werkzeug", "__debugger__", "debugger caught"}, scan.MustCompile(`Werkzeug Debugger|The debugger caught an exception in your WSGI application|__debugger__`)},
	// Express's default error handler outside production: the error's
	// stack as HTML, whatever the error class (MongoServerError, ...).
	{"debug-page", []string{"&nbsp;at "}, scan.MustCompile(`<title>Error</title>[\s\S]{0,200}<pre>[\w$.]*(?:Error|Exception)\b[^<]{0,400}<br> &nbsp; &nbsp;at `)},
	{"stack-trace", []string{"Traceback"}, scan.MustCompile(`Traceback \(most recent call last\):`)},
	{"stack-trace", []string{".java", ".kt", "Native Method", "Unknown Source"}, scan.MustCompile(`\bat (?:[a-z][\w$]*\.){2,}[\w$<>]+\((?:[\w$]+\.(?:java|kt)(?::\d+)?|Native Method|Unknown Source)\)`)},
	{"stack-trace", []string{" (/", " (node:", " (file:", ":\\"}, scan.MustCompile(`\bat (?:Object\.<anonymous>|[\w$.<>]+) \((?:/|[A-Za-z]:\\|node:|file://)[^)\s]*:\d+:\d+\)`)},
	{"stack-trace", []string{"goroutine "}, scan.MustCompile(`goroutine \d+ \[running\]:`)},
	{"stack-trace", []string{"Exception:"}, scan.MustCompile(`System\.\w+Exception:[^\n]*\n\s+at \w`)},
	{"sql-error", []string{"SQLSTATE", "syntax error at or near", "SQL syntax", "ORA-", "psycopg", "sqlalchemy.exc", "org.hibernate.exception", "java.sql.SQLException", "SqlException", "unrecognized token", "no such table"},
		scan.MustCompile(`SQLSTATE\[|SQLSTATE[ =:]\s*\w{5}|syntax error at or near "|You have an error in your SQL syntax|\bORA-\d{5}\b|psycopg2?\.errors\.|sqlalchemy\.exc\.\w+|org\.hibernate\.exception\.|java\.sql\.SQLException|SqlException \(0x|unrecognized token: "|no such table: \w`)},
	{"internal-path", []string{"/home/", "/usr/src/app/", "/usr/local/lib/python", "/app/", "/opt/app/", "/var/www/", "/root/", "/srv/app/", ":\\"},
		scan.MustCompile(`(?:^|[\s"'(=:])(?:/home/[\w.-]+/|/usr/src/app/|/usr/local/lib/python\d|/app/(?:node_modules|src|dist)/|/opt/app/|/var/www/|/root/|/srv/app/|[A-Z]:\\\\?(?:Users|inetpub|Projects|src)\\)`)},
}

// scanBody returns the kinds of leak found in a body, each once.
func scanBody(body []byte) []string {
	if len(body) == 0 {
		return nil
	}
	var kinds []string
	seen := map[string]bool{}
	for _, p := range leakPatterns {
		if seen[p.kind] || !anyHint(body, p.hints) {
			continue
		}
		if p.re.Match(body) {
			seen[p.kind] = true
			kinds = append(kinds, p.kind)
		}
	}
	return kinds
}

func anyHint(body []byte, hints []string) bool {
	for _, h := range hints {
		if bytes.Contains(body, []byte(h)) {
			return true
		}
	}
	return false
}

var versioned = scan.MustCompile(`\d+(?:\.\d+)+`)

// appServer matches a Server header that names the application server
// itself: without a version it still tells what runs behind the URL (and
// that no proxy hides it), as X-Powered-By does. Proxies and platforms
// that name only themselves (nginx, cloudflare) are not matched.
var appServer = scan.MustCompile(`(?i)^(?:uvicorn|gunicorn|hypercorn|daphne|waitress|werkzeug|wsgiserver|tornadoserver|cheroot|kestrel|jetty|puma|webrick|thin|cowboy)\b`)

// serverVersion returns the header that discloses server software with a
// version ("Server: nginx/1.18.0"), the application server ("Server:
// uvicorn") or the framework ("X-Powered-By: Express"), or "".
func serverVersion(h http.Header) string {
	if v := h.Get("X-Powered-By"); v != "" {
		return "X-Powered-By: " + clip(v, 60)
	}
	for _, name := range []string{"Server", "X-AspNet-Version", "X-AspNetMvc-Version", "X-Runtime-Version"} {
		if v := h.Get(name); v != "" && (name != "Server" || versioned.MatchString(v) || appServer.MatchString(v)) {
			return name + ": " + clip(v, 60)
		}
	}
	return ""
}

// versionDisclosure returns the first header that names server software
// with a version number ("Server: nginx/1.18.0", "X-Powered-By:
// PHP/8.2.1"), or "": what an attacker matches against known flaws.
func versionDisclosure(h http.Header) string {
	for _, name := range []string{"X-Powered-By", "Server", "X-AspNet-Version", "X-AspNetMvc-Version", "X-Runtime-Version"} {
		if v := h.Get(name); v != "" && versioned.MatchString(v) {
			return name + ": " + clip(v, 60)
		}
	}
	return ""
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "..."
	}
	return s
}

// platforms maps a host suffix to the hosting platform it belongs to.
var platforms = []struct{ suffix, name string }{
	{".onrender.com", "render"},
	{".fly.dev", "fly"},
	{".railway.app", "railway"},
	{".herokuapp.com", "heroku"},
	{".vercel.app", "vercel"},
	{".netlify.app", "netlify"},
	{".azurewebsites.net", "azure-app-service"},
	{".azurecontainerapps.io", "azure-container-apps"},
	{".appspot.com", "google-app-engine"},
	{".run.app", "cloud-run"},
	{".cloudfunctions.net", "google-cloud-functions"},
	{".elasticbeanstalk.com", "aws-elastic-beanstalk"},
	{".awsapprunner.com", "aws-app-runner"},
	{".amazonaws.com", "aws"},
	{".pythonanywhere.com", "pythonanywhere"},
	{".koyeb.app", "koyeb"},
	{".ondigitalocean.app", "digitalocean"},
	{".pages.dev", "cloudflare"},
	{".workers.dev", "cloudflare"},
	{".deta.app", "deta"},
	{".cyclic.app", "cyclic"},
	{".glitch.me", "glitch"},
	{".replit.app", "replit"},
	{".repl.co", "replit"},
	{".zeabur.app", "zeabur"},
	{".up.sevalla.app", "sevalla"},
	{".northflank.app", "northflank"},
}

// platformOf names the hosting platform from the host name, else from
// headers the platforms add.
func platformOf(host string, h http.Header) string {
	host = "." + strings.ToLower(strings.TrimSuffix(host, "."))
	for _, p := range platforms {
		if strings.HasSuffix(host, p.suffix) {
			return p.name
		}
	}
	if h == nil {
		return ""
	}
	switch {
	case h.Get("Rndr-Id") != "" || h.Get("X-Render-Origin-Server") != "":
		return "render"
	case h.Get("Fly-Request-Id") != "":
		return "fly"
	case h.Get("X-Railway-Request-Id") != "" || h.Get("X-Railway-Edge") != "":
		return "railway"
	case h.Get("X-Vercel-Id") != "":
		return "vercel"
	case h.Get("X-Nf-Request-Id") != "":
		return "netlify"
	case strings.Contains(h.Get("Via"), "vegur"):
		return "heroku"
	case strings.HasPrefix(strings.ToLower(h.Get("Server")), "google frontend"):
		return "google-cloud"
	}
	return ""
}

// hasRateLimit reports rate-limit headers (X-RateLimit-*, RateLimit-*,
// Retry-After).
func hasRateLimit(h http.Header) bool {
	for k := range h {
		k = strings.ToLower(k)
		if strings.HasPrefix(k, "x-ratelimit") || strings.HasPrefix(k, "ratelimit") || strings.HasPrefix(k, "x-rate-limit") || k == "retry-after" {
			return true
		}
	}
	return false
}
