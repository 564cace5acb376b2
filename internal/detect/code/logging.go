package code

import (
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Hand-written request-logging middleware: an anchor that declares
// middleware, in a file that logs the request's method or path. In JS the
// logger may have any name (const http = new Logger('HTTP'); http.log(...))
// when the message names req.method, req.url or originalUrl.
var (
	// Go middleware: a function handing back gin/echo/fiber middleware or
	// wrapping an http.Handler, in a file whose log call (possibly spread
	// over lines) names the request's method or path.
	rePropLogging   = scan.MustCompile(`(?m)^\s*logging\.\w|^logging:\s*$`)
	rePropAccessLog = scan.MustCompile(`(?m)accesslog\.enabled\s*[=:]\s*true|^\s+accesslog:\s*$`)
)

type logState struct {
	libOrder []string
	libLoc   map[string]facts.Location
	confLib  string
	conf     []facts.Location
	request  []facts.Location
	health   string
	healthEv facts.Location
	// loggerOpt is a { logger: ... } option in a file that does not name
	// Fastify (a build(opts) helper that creates the instance elsewhere);
	// it counts once the stack is known to be Fastify.
	loggerOpt []facts.Location
}

// reAlembicEnv marks an Alembic migration environment (env.py).
var reAlembicEnv = scan.MustCompile(`(?m)^\s*from\s+alembic\s+import\s+[^\n]*\bcontext\b`)

// reJSLoggerOpt is Fastify's logger option handed through a helper.
var reJSLoggerOpt = scan.MustCompile(`\blogger\s*:\s*(?:true\b|\{|envToLogger\b|\w*[Ll]ogger(?:Options|Opts|Config)\b)`)

func newLogState() logState { return logState{libLoc: map[string]facts.Location{}} }

func (l *logState) lib(name string, loc facts.Location) {
	if _, ok := l.libLoc[name]; !ok {
		l.libLoc[name] = loc
		l.libOrder = append(l.libOrder, name)
	}
}

func (l *logState) configured(name string, loc facts.Location) {
	l.lib(name, loc)
	if l.confLib == "" {
		l.confLib = name
	}
	l.conf = scan.AddEvidence(l.conf, loc)
}

func (l *logState) scan(s *source) {
	group := s.group()
	code := s.code
	// Alembic's env.py sets up logging for the migration command only
	// (fileConfig(config.config_file_name)); the API's logger is elsewhere.
	migrationEnv := group == "python" && reAlembicEnv.Match(code)
	pk := stacks.ByID(group)
	if pk == nil {
		return
	}
	for _, p := range pk.Logging.Patterns {
		if p.Need != "" && !scan.Contains(code, p.Need) {
			continue
		}
		if migrationEnv && p.Kind == pack.LogConfigured {
			continue
		}
		m := p.Re.FindIndex(code)
		if m == nil {
			continue
		}
		loc := s.loc(m[0])
		switch p.Kind {
		case pack.LogUse:
			l.lib(p.Lib, loc)
		case pack.LogConfigured:
			l.configured(p.Lib, loc)
		case pack.LogRequest:
			l.request = scan.AddEvidence(l.request, loc)
			// A request logger is a configured logger of its own (morgan,
			// pino-http); framework middleware (gin, echo) only counts
			// as request logging.
			switch p.Lib {
			case "morgan", "pino", "winston", "slf4j", "zerolog":
				l.configured(p.Lib, loc)
			}
		}
	}
	if group == "js" && !scan.Contains(code, "astify") {
		if m := reJSLoggerOpt.FindIndex(code); m != nil {
			l.loggerOpt = scan.AddEvidence(l.loggerOpt, s.loc(m[0]))
		}
	}
	anchor, logs := pk.Logging.Middleware, pk.Logging.LogsRequest
	if re := pk.Logging.Health; re != nil && l.health == "" {
		if m := re.FindSubmatchIndex(code); m != nil {
			l.health, l.healthEv = "/health", s.loc(m[0])
			if len(m) >= 4 && m[2] >= 0 {
				l.health = normPath(string(code[m[2]:m[3]]))
			}
		}
	}
	if anchor != nil && logs != nil {
		if m := anchor.FindIndex(code); m != nil && logs.Match(code) {
			l.request = scan.AddEvidence(l.request, s.loc(m[0]))
		}
	}
}

// scanConfig reads logging configuration files: logback and log4j2 XML,
// Spring's logging.* and access-log properties.
func (l *logState) scanConfig(p string, data []byte) {
	loc := facts.Location{Path: p, Line: 1}
	switch base := scan.Base(p); {
	case strings.HasPrefix(base, "logback"):
		l.configured("logback", loc)
	case strings.HasPrefix(base, "log4j2"):
		l.configured("log4j2", loc)
	case strings.HasPrefix(base, "application"):
		if m := rePropLogging.FindIndex(data); m != nil {
			l.configured("logback", facts.Location{Path: p, Line: scan.LineAt(data, m[0])})
		}
		if m := rePropAccessLog.FindIndex(data); m != nil {
			l.request = scan.AddEvidence(l.request, facts.Location{Path: p, Line: scan.LineAt(data, m[0])})
		}
	}
}

// healthSegments are the first path segments of a health endpoint.
var healthSegments = map[string]bool{
	"health": true, "healthz": true, "healthcheck": true, "health-check": true, "ready": true,
	"readyz": true, "live": true, "livez": true, "status": true, "ping": true,
}

func (l *logState) finish(f *facts.Facts, routes []resolved) {
	lg := &f.Logging
	if len(l.loggerOpt) > 0 && (f.Stack.Framework == "fastify" || slices.Contains(f.Stack.Frameworks, "fastify")) {
		for _, loc := range l.loggerOpt {
			l.configured("pino", loc)
			l.request = scan.AddEvidence(l.request, loc)
		}
	}
	lg.Configured = len(l.conf) > 0
	lg.Evidence = l.conf
	if l.confLib != "" {
		lg.Library = l.confLib
	} else if len(l.libOrder) > 0 {
		lg.Library = l.libOrder[0]
		lg.Evidence = []facts.Location{l.libLoc[lg.Library]}
	}
	deps := f.Stack
	manifest := manifestLoc(deps)
	if deps.HasDep("logbook-spring-boot-starter", "org.zalando:logbook-spring-boot-starter") {
		l.request = scan.AddEvidence(l.request, manifest)
	}
	if lg.Library == "" {
		for _, d := range []string{"structlog", "loguru", "winston", "pino", "bunyan", "go.uber.org/zap", "github.com/rs/zerolog", "github.com/sirupsen/logrus"} {
			if deps.HasDep(d) {
				lg.Library = d[strings.LastIndexByte(d, '/')+1:]
				break
			}
		}
	}
	lg.RequestLogging = len(l.request) > 0
	lg.RequestEvidence = l.request
	lg.Libraries, lg.RequestLibraries = logLibraries(f.Stack.Language)

	// Health: a route in the code, else what a dependency serves.
	best := ""
	var bestLoc facts.Location
	for _, r := range routes {
		if r.method != "GET" && r.method != "ANY" && r.method != "HEAD" {
			continue
		}
		if isHealthPath(r.path) && (best == "" || len(r.path) < len(best)) {
			best, bestLoc = r.path, r.loc
		}
	}
	switch {
	case best != "":
		lg.HealthPath, lg.HealthEvidence = best, []facts.Location{bestLoc}
	case l.health != "":
		lg.HealthPath, lg.HealthEvidence = l.health, []facts.Location{l.healthEv}
	case deps.HasDep("spring-boot-starter-actuator", "org.springframework.boot:spring-boot-starter-actuator"):
		lg.HealthPath, lg.HealthEvidence = "/actuator/health", []facts.Location{manifest}
	case deps.HasDep("fastify-healthcheck"):
		lg.HealthPath, lg.HealthEvidence = "/health", []facts.Location{manifest}
	}
}

// manifestLoc points at the manifest declaring the stack's dependencies,
// the evidence for a signal that comes from a dependency.
func manifestLoc(s facts.Stack) facts.Location {
	if s.Manifest != "" {
		return facts.Location{Path: s.Manifest}
	}
	switch s.Language {
	case "java", "kotlin":
		return facts.Location{Path: "pom.xml"}
	case "javascript", "typescript":
		return facts.Location{Path: "package.json"}
	case "go":
		return facts.Location{Path: "go.mod"}
	case "python":
		return facts.Location{Path: "requirements.txt"}
	}
	return facts.Location{Path: "."}
}

// isHealthPath reports whether a normalised route serves a health check:
// its first segment after api/vN prefixes is a health word (/health,
// /api/v1/ping), or its last one is unambiguous (/utils/health-check,
// /health/live).
func isHealthPath(p string) bool {
	if healthSegments[firstSegment(p)] {
		return true
	}
	last := strings.ToLower(p[strings.LastIndexByte(p, '/')+1:])
	switch last {
	case "health", "healthz", "healthcheck", "health-check", "readyz", "livez":
		return true
	}
	return false
}

// logLibraries names the loggers and request loggers the project's pack
// looks for, for a FAIL to say what it looked for (at most five each).
func logLibraries(lang string) (loggers, requests []string) {
	pk := stacks.ByID(stacks.GroupOf(lang))
	if pk == nil {
		return nil, nil
	}
	for _, p := range pk.Logging.Patterns {
		switch {
		case p.Kind == pack.LogConfigured && !slices.Contains(loggers, p.Lib) && len(loggers) < 5:
			loggers = append(loggers, p.Lib)
		case p.Kind == pack.LogRequest && !slices.Contains(requests, p.Lib) && len(requests) < 5:
			requests = append(requests, p.Lib)
		}
	}
	return loggers, requests
}
