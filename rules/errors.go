package rules

import (
	"fmt"
	"strings"
)

// errorsCriterion judges error handling: the guide asks for "meaningful
// error responses", and a reviewer looks for one place that turns failures
// into JSON errors with the right status, and for nothing leaked live.
var errorsCriterion = &Criterion{
	ID:    "errors",
	Title: "Error handling",
	Doc: "A reviewer expects failures to be handled in one place and answered with meaningful 4xx/5xx status " +
		"codes and a JSON body, and never with a stack trace or a framework debug page on the deployed service.",
	Checks: []*Check{errorsCentral, errorsStatusCodes, errorsLiveJSON404, errorsNoLeaks},
}

var errorsCentral = &Check{
	ID:    "errors.central-handler",
	Title: "Errors are handled in one central place",
	Doc: "Scattered try/except blocks give inconsistent error bodies; a central handler gives every error the same " +
		"shape. Passes on a FastAPI/Starlette exception handler, a Flask errorhandler, DRF's EXCEPTION_HANDLER or " +
		"Django handler404/handler500, a Spring @ControllerAdvice/@RestControllerAdvice, an Express four-argument error " +
		"middleware registered with app.use, a NestJS @Catch filter, a Fastify setErrorHandler, or in Go an error-writing " +
		"helper (writeError, respondWithError), an echo HTTPErrorHandler or a fiber ErrorHandler. A handler may live in its own " +
		"file: it counts where it is registered by name, and a handler defined but never registered does not count.",
	Points: 40,
	Run: func(f *Facts) Result {
		if f.ErrorHandling.Central {
			return Pass("a central error handler was found", f.ErrorHandling.Evidence...)
		}
		eh := f.ErrorHandling
		what := eh.LookedFor
		if what == "" {
			what = "an error handler registered with the framework"
		}
		msg := "no central error handler: " + lookedFor(what, f)
		if n := len(eh.Unregistered); n > 0 {
			// The handler the candidate wrote is there; only its
			// registration is missing.
			return Fail(msg+"; "+plural(n, "handler is", "handlers are")+" defined but never registered", eh.Unregistered...)
		}
		return Fail(msg + "; errors are answered wherever they happen, or by the framework's defaults")
	},
	Fix: func(s Stack) []string {
		return Steps{ID: "errors.central-handler", Generic: []string{"Handle errors in one place (middleware, exception handler or filter) that answers with a JSON body and the right status code"}}.For(s)
	},
}

var errorsStatusCodes = &Check{
	ID:    "errors.status-codes",
	Title: "The API answers with several meaningful 4xx codes",
	Doc: "An API that only ever answers 200 or 500 tells the client nothing about what went wrong. Passes when the " +
		"code uses at least two distinct 4xx status codes (such as 400, 401, 404, 409, 422), counted from literal codes " +
		"and named constants in responses and raised exceptions (HTTPException(status_code=404), HttpStatus.NOT_FOUND, " +
		"res.status(404), NotFoundException, http.StatusNotFound).",
	Points: 30,
	Run: func(f *Facts) Result {
		var client []string
		for _, c := range f.ErrorHandling.StatusCodes {
			if c >= 400 && c < 500 {
				client = append(client, fmt.Sprint(c))
			}
		}
		all := codesText(f.ErrorHandling.StatusCodes)
		if len(client) >= 2 {
			return Pass("error status codes used: "+all, f.ErrorHandling.StatusEvidence...)
		}
		if len(f.ErrorHandling.StatusCodes) == 0 {
			return Fail("no 4xx or 5xx status code is set anywhere in the code")
		}
		return Fail("only "+all+" used; a client cannot tell a bad request from a missing resource", f.ErrorHandling.StatusEvidence...)
	},
	Fix: func(s Stack) []string {
		return Steps{ID: "errors.status-codes", Generic: []string{"Answer 404 for missing resources, 400/422 for invalid input, 401/403 for auth failures and 409 for conflicts"}}.For(s)
	},
}

func codesText(codes []int) string {
	if len(codes) == 0 {
		return "none"
	}
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = fmt.Sprint(c)
	}
	return strings.Join(s, ", ")
}

var errorsLiveJSON404 = &Check{
	ID:    "errors.live-json-404",
	Title: "The deployed API answers an unknown path with a JSON 404",
	Doc: "A reviewer who tries a wrong URL should get a JSON error, not an HTML page from the framework or the proxy. " +
		"Judged on the live probe's request to a path that does not exist; skipped when no deployed URL was probed.",
	Points: 15,
	Run: func(f *Facts) Result {
		l := f.Live
		switch {
		case l == nil:
			return Skip("no deployed URL was probed")
		case !l.Reachable:
			return Skip("the deployed URL did not answer")
		case l.NotFoundJSON == nil:
			return Skip("the probe did not request an unknown path")
		case *l.NotFoundJSON:
			return Pass("an unknown path answered 404 with a JSON body", Location{URL: l.URL})
		}
		return Fail("an unknown path did not answer 404 with a JSON body", Location{URL: l.URL})
	},
	Fix: func(s Stack) []string {
		return Steps{ID: "errors.live-json-404", Generic: []string{"Answer unknown paths with a JSON 404 body"}}.For(s)
	},
}

var errorsNoLeaks = &Check{
	ID:    "errors.no-leaks",
	Title: "The deployed API leaks no stack traces or debug pages",
	Doc: "A stack trace, a framework debug page or a SQL error on a public URL shows a reviewer that the service runs " +
		"in debug mode. Judged on the live probe's responses; skipped when no deployed URL was probed.",
	Points: 15,
	Run: func(f *Facts) Result {
		l := f.Live
		if l == nil {
			return Skip("no deployed URL was probed")
		}
		if !l.Reachable {
			return Skip("the deployed URL did not answer")
		}
		if len(l.Leaks) == 0 {
			return Pass("no stack trace, debug page or server detail seen in the probed responses", Location{URL: l.URL})
		}
		var kinds, banners []string
		var ev []Location
		for _, k := range l.Leaks {
			if k.Kind == "server-version" {
				kinds = append(kinds, "server version in "+k.Detail+" at "+k.Path)
				banners = append(banners, k.Detail)
			} else {
				kinds = append(kinds, k.Kind+" at "+k.Path)
			}
			ev = append(ev, Location{URL: strings.TrimSuffix(l.URL, "/") + k.Path})
		}
		r := Fail("the deployed service leaked: "+strings.Join(kinds, "; "), ev...)
		if len(banners) == len(l.Leaks) {
			// Only a version number in a header: the fix is the header,
			// not debug mode.
			return r.WithSteps(bannerSteps(banners)...)
		}
		return r
	},
	Fix: func(s Stack) []string {
		return Steps{ID: "errors.no-leaks", Generic: []string{"Turn debug mode off in production and answer 500s with a generic JSON message while logging the details"}}.For(s)
	},
}

// bannerSteps are the fixes for headers that name the server software
// ("Server: uvicorn", "X-Powered-By: Express", "Server: nginx/1.18.0"):
// each header gets the switch of the software that sends it.
func bannerSteps(headers []string) []string {
	var steps []string
	seen := map[string]bool{}
	add := func(step string) {
		if !seen[step] {
			seen[step] = true
			steps = append(steps, step)
		}
	}
	for _, h := range headers {
		name, value, _ := strings.Cut(h, ":")
		v := strings.ToLower(strings.TrimSpace(value))
		switch {
		case strings.EqualFold(name, "X-Powered-By") && strings.Contains(v, "express"):
			add("Remove `X-Powered-By: Express` with `app.disable('x-powered-by')` (helmet's `app.use(helmet())` also does it)")
		case strings.EqualFold(name, "X-Powered-By") && strings.Contains(v, "php"):
			add("Set `expose_php = Off` in php.ini so PHP stops sending `X-Powered-By`")
		case strings.EqualFold(name, "X-Powered-By"):
			add("Stop sending `X-Powered-By` (remove it in the app or strip it at the proxy)")
		case strings.HasPrefix(v, "uvicorn"):
			add("Run uvicorn with `--no-server-header` (or `server_header=False` in `uvicorn.run`)")
		case strings.HasPrefix(v, "gunicorn"):
			add("Hide gunicorn's `Server` header behind the proxy (nginx `proxy_hide_header Server;`), or set `gunicorn.SERVER = \"\"` in gunicorn.conf.py")
		case strings.HasPrefix(v, "nginx"):
			add("Set `server_tokens off;` in nginx's http block so `Server` no longer carries the version")
		case strings.HasPrefix(v, "apache"):
			add("Set `ServerTokens Prod` and `ServerSignature Off` in Apache's configuration")
		case strings.HasPrefix(v, "werkzeug"):
			add("Serve the Flask app with gunicorn behind a proxy instead of Werkzeug's development server")
		case strings.HasPrefix(v, "kestrel"):
			add("Set `options.AddServerHeader = false` in `ConfigureKestrel`")
		case strings.HasPrefix(v, "jetty") || strings.HasPrefix(v, "apache-coyote") || strings.HasPrefix(v, "tomcat"):
			add("Set `server.server-header=` (empty) in application.properties")
		default:
			add("Remove the `" + strings.TrimSpace(name) + "` header, or the version in it, in the app or at the proxy")
		}
	}
	return steps
}
