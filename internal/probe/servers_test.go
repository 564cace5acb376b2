package probe

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/rules"
)

// The integration suite: real framework servers, written for these tests
// under testdata/servers, started on loopback and probed. Each server runs
// in a broken mode (the mistakes the probe must report) and a healthy one.
// .ci/run installs the frameworks (Debian packages, npm); a server whose
// framework is missing is skipped, saying what is missing.
//
// VETFOLIO_RECORD_ANSWERS=1 also records every answer the probe got into
// testdata/recorded, which TestReplayRecordedServers replays without the
// frameworks.

const testToken = "vetfolio-test-token-6f1c"

// realServer is one framework app of testdata/servers.
type realServer struct {
	name string
	// start runs the app on addr (127.0.0.1:port) with env added, and
	// returns the command; it skips t when the framework is missing.
	start func(t *testing.T, addr string, env []string) *exec.Cmd
	// ready is a path that answers once the app is up.
	ready string
	// cfg is what the code detectors give the probe for this app: its
	// framework and routes.
	cfg Config
	// stack and facts are the static facts the checks are judged with
	// (what reading the code found, sometimes wrong on purpose).
	stack rules.Stack
	facts func(f *rules.Facts)
	modes []serverMode
}

// serverMode is one way of running a server and what the probe must say.
type serverMode struct {
	name   string
	env    []string
	header bool // probe with --header 'Authorization: Bearer <token>'
	checks []expect
	live   func(t *testing.T, l *rules.Live)
}

// expect is one check's expected outcome: pass, fail or skip, words its
// message must contain, and words its fix steps must contain.
type expect struct {
	id, outcome string
	message     []string
	steps       []string
}

var serversDir = filepath.Join("testdata", "servers")

func debianPython(t *testing.T, modules ...string) string {
	t.Helper()
	// Debian's packages install into the system interpreter, not into
	// whatever python3 comes first on PATH.
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		t.Skip("no /usr/bin/python3: install Debian's python3 (.ci/run does)")
	}
	for _, m := range modules {
		if err := exec.Command(py, "-c", "import "+m).Run(); err != nil {
			t.Skipf("python module %s is missing: apt-get install python3-%s (.ci/run does)", m, strings.ReplaceAll(m, "_", ""))
		}
	}
	return py
}

func nodeDeps(t *testing.T, pkgs ...string) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: apt-get install nodejs npm (.ci/run does)")
	}
	for _, p := range pkgs {
		if _, err := os.Stat(filepath.Join(serversDir, "node_modules", p, "package.json")); err != nil {
			t.Skipf("npm package %s is missing: run npm ci in %s (.ci/run does)", p, serversDir)
		}
	}
	return node
}

// cleanEnv is the environment every app runs with: nothing of the test
// machine's own environment reaches a debug page or a recording.
func cleanEnv(home string, extra ...string) []string {
	return append([]string{"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + home, "LANG=C.UTF-8", "PYTHONDONTWRITEBYTECODE=1"}, extra...)
}

var realServers = []realServer{
	{
		name:  "fastapi",
		ready: "/healthz",
		start: func(t *testing.T, addr string, env []string) *exec.Cmd {
			py := debianPython(t, "fastapi", "uvicorn")
			host, port, _ := net.SplitHostPort(addr)
			cmd := exec.Command(py, "-m", "uvicorn", "app:app", "--host", host, "--port", port)
			cmd.Dir = filepath.Join(serversDir, "fastapi")
			cmd.Env = env
			return cmd
		},
		cfg:   Config{Framework: "fastapi", Routes: []string{"GET /", "GET /api/books", "GET /api/authors", "GET /api/me", "GET /healthz"}},
		stack: rules.Stack{Language: "python", Framework: "fastapi"},
		modes: []serverMode{
			{
				name: "broken", env: []string{"BROKEN=1"}, header: true,
				checks: []expect{
					{id: "api-docs.valid", outcome: "fail", message: []string{"seen live", "same operation id"}, steps: []string{"operation_id="}},
					{id: "api-docs.live-conformance", outcome: "fail", message: []string{"GET / answered 200 text/html"}, steps: []string{"response_class=HTMLResponse", "include_in_schema=False"}},
					// Server: uvicorn names no version: a header finding, not a leak.
					{id: "errors.no-leaks", outcome: "pass"},
					{id: "deployment.security-headers", outcome: "fail", message: []string{"discloses Server: uvicorn", "judged on the answers of /api/authors, /api/books, /api/me, /healthz"}, steps: []string{"--no-server-header"}},
					{id: "auth.live-enforced", outcome: "pass", message: []string{"seen live", "1 of 1 secured operation"}},
				},
				live: func(t *testing.T, l *rules.Live) {
					if l.Conformance.Authenticated != 1 {
						t.Errorf("authenticated conformance checks = %d, want 1 (GET /api/me with the token)", l.Conformance.Authenticated)
					}
					if l.HealthPath != "/healthz" {
						t.Errorf("health = %q, want /healthz", l.HealthPath)
					}
				},
			},
			{
				name: "healthy", header: true,
				checks: []expect{
					{id: "api-docs.valid", outcome: "pass", message: []string{"seen live", "/openapi.json"}},
					{id: "api-docs.live-conformance", outcome: "pass", message: []string{"1 of them with the credentials given"}},
					{id: "errors.no-leaks", outcome: "pass"},
					{id: "api-docs.live", outcome: "pass", message: []string{"docs at /docs"}},
				},
			},
		},
	},
	{
		name:  "django",
		ready: "/status/",
		start: func(t *testing.T, addr string, env []string) *exec.Cmd {
			py := debianPython(t, "django", "rest_framework", "yaml", "uritemplate", "gunicorn")
			// --preload: Django starts before the workers fork, so no
			// worker's first answer carries the start-up time.
			cmd := exec.Command(py, "-m", "gunicorn", "config.wsgi", "--bind", addr, "--workers", "2", "--preload")
			cmd.Dir = filepath.Join(serversDir, "django")
			cmd.Env = env
			if slices.Contains(env, "MIGRATE=1") {
				m := exec.Command(py, "manage.py", "migrate", "--noinput")
				m.Dir, m.Env = cmd.Dir, env
				if out, err := m.CombinedOutput(); err != nil {
					t.Fatalf("manage.py migrate: %v\n%s", err, out)
				}
			}
			return cmd
		},
		// Django's routes as the code detector reads them: no trailing slash.
		cfg:   Config{Framework: "django", Routes: []string{"GET /api/books", "GET /api/books/{pk}", "GET /schema", "GET /status"}},
		stack: rules.Stack{Language: "python", Framework: "django"},
		modes: []serverMode{
			{
				name: "broken", env: []string{"DEBUG=1"},
				checks: []expect{
					{id: "api-docs.live", outcome: "pass", message: []string{"/schema/"}},
					{id: "errors.no-leaks", outcome: "fail", message: []string{"debug-page at /api/books/"}},
					{id: "api-docs.live-conformance", outcome: "fail", message: []string{"GET /api/books/ answered 500"}},
				},
				live: func(t *testing.T, l *rules.Live) {
					if l.HealthPath != "/status/" {
						t.Errorf("health = %q, want the repository's /status/", l.HealthPath)
					}
				},
			},
			{
				name: "healthy", env: []string{"MIGRATE=1"},
				checks: []expect{
					{id: "api-docs.valid", outcome: "pass", message: []string{"seen live", "/schema/"}},
					{id: "api-docs.live-conformance", outcome: "pass"},
					{id: "errors.no-leaks", outcome: "pass"},
					{id: "deployment.security-headers", outcome: "fail", message: []string{"discloses Server: gunicorn"}},
				},
			},
		},
	},
	{
		name:  "express",
		ready: "/api/v1/ping",
		start: func(t *testing.T, addr string, env []string) *exec.Cmd {
			node := nodeDeps(t, "express", "swagger-jsdoc", "swagger-ui-express")
			_, port, _ := net.SplitHostPort(addr)
			cmd := exec.Command(node, "server.js")
			cmd.Dir = filepath.Join(serversDir, "express")
			cmd.Env = append(env, "PORT="+port)
			return cmd
		},
		cfg:   Config{Framework: "express", Routes: []string{"GET /api/notes", "GET /api/notes/count", "GET /api/v1/ping"}},
		stack: rules.Stack{Language: "javascript", Framework: "express"},
		// The code's CORS was not recognised: the live answer decides.
		facts: func(f *rules.Facts) { f.Security.CORS, f.Security.CORSWildcard = false, false },
		modes: []serverMode{
			{
				name: "broken", env: []string{"BROKEN=1"},
				checks: []expect{
					{id: "api-docs.valid", outcome: "fail", message: []string{"seen live", "produces"}, steps: []string{"content"}},
					{id: "deployment.security-headers", outcome: "fail", message: []string{"no X-Content-Type-Options: nosniff", "/api/notes"}},
					{id: "security.cors-no-wildcard", outcome: "fail", message: []string{"seen live", "Access-Control-Allow-Origin: *"}},
					{id: "security.cors", outcome: "pass", message: []string{"seen live"}},
					{id: "errors.no-leaks", outcome: "pass"},
				},
				live: func(t *testing.T, l *rules.Live) {
					if l.HealthPath != "/api/v1/ping" {
						t.Errorf("health = %q, want the repository's /api/v1/ping", l.HealthPath)
					}
					if l.Headers != nil && slices.Contains(l.Headers.JudgedOn, "/") {
						t.Errorf("headers judged on %v, which includes Express's own HTML 404 at /", l.Headers.JudgedOn)
					}
				},
			},
			{
				name: "healthy",
				checks: []expect{
					{id: "api-docs.valid", outcome: "pass", message: []string{"seen live"}},
					{id: "deployment.security-headers", outcome: "pass", message: []string{"judged on the answers of"}},
					{id: "security.cors-no-wildcard", outcome: "pass"},
					{id: "api-docs.live-conformance", outcome: "pass"},
				},
			},
		},
	},
	{
		name:  "nestjs",
		ready: "/health",
		start: func(t *testing.T, addr string, env []string) *exec.Cmd {
			node := nodeDeps(t, "@nestjs/core", "@nestjs/swagger", "typescript")
			buildNest(t, node)
			_, port, _ := net.SplitHostPort(addr)
			cmd := exec.Command(node, filepath.Join("dist", "main.js"))
			cmd.Dir = filepath.Join(serversDir, "nestjs")
			cmd.Env = append(env, "PORT="+port)
			return cmd
		},
		cfg:   Config{Framework: "nestjs", Routes: []string{"GET /health", "GET /api/tasks", "GET /api/tasks/{id}", "GET /api/me"}},
		stack: rules.Stack{Language: "typescript", Framework: "nestjs"},
		// Reading the code found no guarded route: the live 401 decides.
		facts: func(f *rules.Facts) { f.Auth.Kind, f.Auth.ProtectedRoutes = "jwt", 0 },
		modes: []serverMode{
			{
				name: "broken", env: []string{"BROKEN=1"},
				checks: []expect{
					{id: "api-docs.valid", outcome: "fail", message: []string{"seen live", "path parameters"}, steps: []string{"@ApiParam"}},
					{id: "auth.live-enforced", outcome: "pass", message: []string{"seen live"}},
					{id: "auth.protected-routes", outcome: "pass", message: []string{"seen live", "401/403"}},
					{id: "errors.live-json-404", outcome: "pass"},
				},
			},
			{
				name: "healthy", header: true,
				checks: []expect{
					{id: "api-docs.valid", outcome: "pass", message: []string{"/api-json"}},
					{id: "api-docs.live-conformance", outcome: "pass", message: []string{"with the credentials given"}},
					{id: "deployment.security-headers", outcome: "fail", message: []string{"X-Powered-By: Express"}},
				},
				live: func(t *testing.T, l *rules.Live) {
					if l.Conformance.Checked < 3 {
						t.Errorf("conformance checked %d operations, want GET /health, /api/tasks and /api/tasks/1 (example)", l.Conformance.Checked)
					}
				},
			},
		},
	},
	{
		name:  "gochi-postgres",
		ready: "/healthcheck",
		start: func(t *testing.T, addr string, env []string) *exec.Cmd {
			bin := buildGoChi(t)
			dsn := startPostgres(t)
			_, port, _ := net.SplitHostPort(addr)
			cmd := exec.Command(bin)
			cmd.Env = append(env, "PORT="+port, "DATABASE_URL="+dsn)
			return cmd
		},
		cfg:   Config{Framework: "chi", Routes: []string{"GET /healthcheck", "GET /api/v1/books", "GET /api/v1/me", "GET /docs"}},
		stack: rules.Stack{Language: "go", Framework: "chi"},
		facts: func(f *rules.Facts) { f.Security.CORS, f.Security.CORSWildcard = false, false },
		modes: []serverMode{
			{
				name: "broken", env: []string{"BROKEN=1"},
				checks: []expect{
					{id: "security.cors-no-wildcard", outcome: "fail", message: []string{"seen live"}},
					{id: "api-docs.live", outcome: "pass", message: []string{"/docs/books-api.yaml"}},
					{id: "auth.live-enforced", outcome: "pass"},
				},
				live: func(t *testing.T, l *rules.Live) {
					if l.HealthPath != "/healthcheck" {
						t.Errorf("health = %q, want /healthcheck", l.HealthPath)
					}
				},
			},
			{
				name: "healthy", header: true,
				checks: []expect{
					{id: "api-docs.valid", outcome: "pass", message: []string{"/docs/books-api.yaml"}},
					{id: "api-docs.live-conformance", outcome: "pass", message: []string{"3 operations", "1 of them with the credentials given"}},
					{id: "deployment.security-headers", outcome: "pass"},
					{id: "security.cors-no-wildcard", outcome: "pass"},
				},
			},
			{
				name: "gateway", env: []string{"GATEWAY=1"},
				checks: []expect{
					{id: "auth.live-enforced", outcome: "skip", message: []string{"gateway"}},
					{id: "api-docs.live", outcome: "fail", message: []string{"answered every request with 401"}},
					{id: "api-docs.live-conformance", outcome: "skip", message: []string{"gateway"}},
				},
				live: func(t *testing.T, l *rules.Live) {
					if !l.AuthGateway {
						t.Error("a service answering everything 401 is not reported as a gateway in front")
					}
				},
			},
		},
	},
}

// TestRealServers runs the probe against each real server in each mode.
func TestRealServers(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real framework servers; not in -short")
	}
	t.Cleanup(func() {
		if goChiBin != "" {
			os.RemoveAll(filepath.Dir(goChiBin))
		}
	})
	for _, s := range realServers {
		t.Run(s.name, func(t *testing.T) {
			for _, m := range s.modes {
				t.Run(m.name, func(t *testing.T) {
					home := t.TempDir()
					env := cleanEnv(home, append([]string{"API_TOKEN=" + testToken, "DB_PATH=" + filepath.Join(home, "db.sqlite3")}, m.env...)...)
					addr := freeAddr(t)
					cmd := s.start(t, addr, env)
					startServer(t, cmd, "http://"+addr+s.ready)
					base := "http://" + addr
					target := base
					var rec *recorder
					if os.Getenv("VETFOLIO_RECORD_ANSWERS") == "1" {
						rec = newRecorder(t, base)
						target = rec.srv.URL
					}
					cfg := s.cfg
					cfg.URL, cfg.UserGiven = target, true
					if m.header {
						cfg.AuthHeaders = http.Header{"Authorization": {"Bearer " + testToken}}
					}
					start := time.Now()
					live := Run(context.Background(), cfg)
					took := time.Since(start)
					t.Logf("%s %s: %d requests in %s", s.name, m.name, live.Requests, took.Round(time.Millisecond))
					if rec != nil {
						rec.save(t, s.name+"-"+m.name)
					}
					judge(t, s, m, live)
				})
			}
		})
	}
}

// TestReplayRecordedServers replays the recorded answers of the real
// servers and expects the same findings, without the frameworks.
func TestReplayRecordedServers(t *testing.T) {
	for _, s := range realServers {
		for _, m := range s.modes {
			t.Run(s.name+"/"+m.name, func(t *testing.T) {
				data, err := os.ReadFile(filepath.Join("testdata", "recorded", s.name+"-"+m.name+".json"))
				if err != nil {
					t.Skipf("no recording (run TestRealServers with VETFOLIO_RECORD_ANSWERS=1): %v", err)
				}
				var answers []recorded
				if err := json.Unmarshal(data, &answers); err != nil {
					t.Fatal(err)
				}
				srv := httptest.NewServer(replay(answers))
				t.Cleanup(srv.Close)
				cfg := s.cfg
				cfg.URL, cfg.UserGiven = srv.URL, true
				if m.header {
					cfg.AuthHeaders = http.Header{"Authorization": {"Bearer " + testToken}}
				}
				judge(t, s, m, Run(context.Background(), cfg))
			})
		}
	}
}

// judge scores the live result with the server's static facts and checks
// what the mode expects.
func judge(t *testing.T, s realServer, m serverMode, live *rules.Live) {
	t.Helper()
	if live.Requests > MaxRequests {
		t.Errorf("%d requests, over the cap of %d", live.Requests, MaxRequests)
	}
	if !live.Reachable {
		t.Fatalf("not reachable: %s", live.Error)
	}
	f := &rules.Facts{Stack: s.stack, Live: live, Auth: rules.Auth{Kind: "jwt", ProtectedRoutes: 1},
		OpenAPI: rules.OpenAPI{Kind: "generated", Generator: s.stack.Framework, Valid: true}}
	f.Security.CORS = true
	if s.facts != nil {
		s.facts(f)
	}
	profile, err := rules.LookupProfile(rules.DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	sc := rules.Score(f, profile)
	for _, e := range m.checks {
		r, steps, ok := findCheck(sc, e.id)
		if !ok {
			t.Errorf("%s: not in the scorecard", e.id)
			continue
		}
		outcome := "fail"
		switch {
		case r.Skipped:
			outcome = "skip"
		case r.Passed:
			outcome = "pass"
		}
		if outcome != e.outcome {
			t.Errorf("%s: %s (%s), want %s", e.id, outcome, r.Message, e.outcome)
			continue
		}
		for _, w := range e.message {
			if !strings.Contains(r.Message, w) {
				t.Errorf("%s: message %q lacks %q", e.id, r.Message, w)
			}
		}
		all := strings.Join(steps, "\n")
		for _, w := range e.steps {
			if !strings.Contains(all, w) {
				t.Errorf("%s: fix steps lack %q:\n%s", e.id, w, all)
			}
		}
	}
	if m.live != nil {
		m.live(t, live)
	}
	if t.Failed() {
		js, _ := json.MarshalIndent(live, "", "  ")
		t.Logf("live: %s", js)
	}
}

func findCheck(sc *rules.Scorecard, id string) (rules.CheckResult, []string, bool) {
	var steps []string
	for _, f := range sc.Fixes {
		if f.Check == id {
			steps = f.Steps
		}
	}
	for _, c := range sc.Criteria {
		for _, k := range c.Checks {
			if k.ID == id {
				return k, steps, true
			}
		}
	}
	return rules.CheckResult{}, nil, false
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// startServer starts cmd and waits (a minute at most, the machine may be
// busy) until readyURL answers; the server is stopped when the test ends.
func startServer(t *testing.T, cmd *exec.Cmd, readyURL string) {
	t.Helper()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", cmd.Path, err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			t.Fatalf("%s exited before answering:\n%s", cmd.Path, out.String())
		default:
		}
		resp, err := http.Get(readyURL)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode < 500 || resp.StatusCode == http.StatusUnauthorized {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("%s did not answer at %s within a minute:\n%s", cmd.Path, readyURL, out.String())
}

var nestOnce sync.Once

// buildNest compiles the NestJS app with the TypeScript compiler npm
// installed, once per test run.
func buildNest(t *testing.T, node string) {
	t.Helper()
	var err error
	var out []byte
	nestOnce.Do(func() {
		dir := filepath.Join(serversDir, "nestjs")
		cmd := exec.Command(node, filepath.Join("..", "node_modules", "typescript", "bin", "tsc"), "-p", ".")
		cmd.Dir = dir
		out, err = cmd.CombinedOutput()
	})
	if err != nil {
		t.Fatalf("tsc: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(serversDir, "nestjs", "dist", "main.js")); err != nil {
		t.Skip("the NestJS app was not built (tsc failed earlier in this run)")
	}
}

var (
	goChiOnce sync.Once
	goChiBin  string
	goChiErr  error
)

// buildGoChi builds the chi app, a module of its own; its dependencies
// come from the Go module proxy (or the module cache).
func buildGoChi(t *testing.T) string {
	t.Helper()
	goChiOnce.Do(func() {
		dir, err := os.MkdirTemp("", "vetfolio-gochi-")
		if err != nil {
			goChiErr = err
			return
		}
		goChiBin = filepath.Join(dir, "gochi")
		cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", goChiBin, ".")
		cmd.Dir = filepath.Join(serversDir, "gochi")
		if out, err := cmd.CombinedOutput(); err != nil {
			goChiErr = fmt.Errorf("%v\n%s", err, out)
		}
	})
	if goChiErr != nil {
		t.Skipf("the chi app could not be built (its modules come from the Go module proxy): %v", goChiErr)
	}
	return goChiBin
}

// startPostgres runs a throw-away PostgreSQL cluster from Debian's
// packages on loopback and returns its connection string.
func startPostgres(t *testing.T) string {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		t.Skip("PostgreSQL is not installed: apt-get install postgresql (.ci/run does)")
	}
	bin := filepath.Dir(bins[len(bins)-1])
	dir, err := os.MkdirTemp("", "vetfolio-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	// PostgreSQL refuses to run as root: as root, run it as postgres.
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Skipf("running as root and there is no postgres user to run PostgreSQL as: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	command := func(args ...string) *exec.Cmd {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		return cmd
	}
	data := filepath.Join(dir, "data")
	if out, err := command(filepath.Join(bin, "initdb"), "-D", data, "--auth=trust", "-U", "postgres").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	_, port, _ := net.SplitHostPort(freeAddr(t))
	pg := command(filepath.Join(bin, "postgres"), "-D", data, "-k", dir, "-h", "127.0.0.1", "-p", port)
	var out bytes.Buffer
	pg.Stdout, pg.Stderr = &out, &out
	if err := pg.Start(); err != nil {
		t.Fatalf("postgres: %v", err)
	}
	t.Cleanup(func() { _ = pg.Process.Signal(os.Interrupt); _ = pg.Wait() })
	for i := 0; i < 150; i++ {
		if c, err := net.Dial("tcp", "127.0.0.1:"+port); err == nil {
			c.Close()
			// Accepting connections is not yet accepting queries; the app
			// retries nothing, so give the start-up a moment.
			time.Sleep(300 * time.Millisecond)
			return fmt.Sprintf("postgres://postgres@127.0.0.1:%s/postgres?sslmode=disable", port)
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("postgres did not listen:\n%s", out.String())
	return ""
}

// recorded is one answer of a real server, as replayed.
type recorded struct {
	Method string      `json:"method"`
	Path   string      `json:"path"`
	Auth   bool        `json:"auth,omitempty"`
	Status int         `json:"status"`
	Header http.Header `json:"header"`
	Body   string      `json:"body"`
}

// recorder is a pass-through proxy that keeps every answer.
type recorder struct {
	srv  *httptest.Server
	mu   sync.Mutex
	seen []recorded
}

func newRecorder(t *testing.T, upstream string) *recorder {
	rec := &recorder{}
	rec.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, _ := http.NewRequestWithContext(r.Context(), r.Method, upstream+r.URL.RequestURI(), nil)
		req.Header = r.Header.Clone()
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		h := resp.Header.Clone()
		for _, k := range []string{"Date", "Content-Length", "Connection", "Keep-Alive", "Transfer-Encoding", "Etag", "Last-Modified"} {
			h.Del(k)
		}
		if loc := h.Get("Location"); loc != "" {
			h.Set("Location", strings.TrimPrefix(loc, upstream))
		}
		path := r.URL.RequestURI()
		if strings.HasPrefix(path, "/vetfolio-probe-") {
			path = "/vetfolio-probe-*"
		}
		rec.mu.Lock()
		rec.seen = append(rec.seen, recorded{Method: r.Method, Path: path, Auth: r.Header.Get("Authorization") != "",
			Status: resp.StatusCode, Header: h, Body: strings.ReplaceAll(string(body), upstream, "")})
		rec.mu.Unlock()
		for k, v := range h {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(body)
	}))
	t.Cleanup(rec.srv.Close)
	return rec
}

func (rec *recorder) save(t *testing.T, name string) {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	slices.SortStableFunc(rec.seen, func(a, b recorded) int {
		return strings.Compare(a.Method+" "+a.Path, b.Method+" "+b.Path)
	})
	js, err := json.MarshalIndent(rec.seen, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(js, []byte(testToken)) {
		t.Fatal("the recording holds the test token")
	}
	dir := filepath.Join("testdata", "recorded")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".json"), append(js, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

// replay answers as the recorded server did: by method, path and whether
// credentials came; a path never recorded gets a plain 404.
func replay(answers []recorded) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.RequestURI()
		if strings.HasPrefix(path, "/vetfolio-probe-") {
			path = "/vetfolio-probe-*"
		}
		auth := r.Header.Get("Authorization") == "Bearer "+testToken
		var hit *recorded
		for i := range answers {
			a := &answers[i]
			if a.Method == r.Method && a.Path == path && (a.Auth == auth || hit == nil) {
				hit = a
			}
		}
		if hit == nil {
			http.NotFound(w, r)
			return
		}
		for k, v := range hit.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(hit.Status)
		_, _ = io.WriteString(w, hit.Body)
	})
}
