package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestHeaderFlagErrorsNeverEchoTheValue(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"proj/main.py": "print('hi')\n"})
	proj := filepath.Join(dir, "proj")
	env := map[string]string{"TOKEN": "tok-9a8b7c", "BAD_LINE": "no colon tok-9a8b7c"}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no colon", []string{"--header", "Bearer tok-9a8b7c"}, "--header must be 'Name: value'"},
		{"unset variable", []string{"--header", "Authorization: Bearer $NOPE"}, "environment variable NOPE it names is not set"},
		{"unset header-env", []string{"--header-env", "NOPE"}, "--header-env NOPE: the environment variable is not set"},
		{"bad header-env", []string{"--header-env", "BAD_LINE"}, "--header-env BAD_LINE must be 'Name: value'"},
		{"offline", []string{"--offline", "--header", "Authorization: Bearer $TOKEN"}, "--offline turns off"},
		{"host", []string{"--header", "Host: tok-9a8b7c"}, "the probe sets Host itself"},
	} {
		code, out, errOut := run(t, env, append([]string{"audit", proj, "--url", "http://127.0.0.1:1"}, c.args...)...)
		if code != ExitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%s: exit %d, stderr %q, want %d with %q", c.name, code, errOut, ExitUsage, c.want)
		}
		if strings.Contains(out+errOut, "tok-9a8b7c") {
			t.Errorf("%s: the value was printed: %q", c.name, out+errOut)
		}
	}
}

// TestHeaderReachesOnlySecuredOperations runs an audit with --header
// against a fake deployment and checks where the credential went, and
// that no report, log line or message carries it.
func TestHeaderReachesOnlySecuredOperations(t *testing.T) {
	const secret = "tok-5e4d3c2b1a"
	var mu sync.Mutex
	var sentTo []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		if strings.Contains(r.Header.Get("Authorization"), secret) {
			sentTo = append(sentTo, r.URL.Path)
		}
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/openapi.json":
			fmt.Fprint(w, `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/api/me":{"get":{"security":[{"b":[]}],
			"responses":{"200":{"description":"me","content":{"application/json":{"schema":{"type":"object","required":["user"]}}}}}}}},
			"components":{"securitySchemes":{"b":{"type":"http","scheme":"bearer"}}}}`)
		case "/api/me":
			if r.Header.Get("Authorization") != "Bearer "+secret {
				w.WriteHeader(http.StatusUnauthorized)
				fmt.Fprint(w, `{"detail":"unauthorized"}`)
				return
			}
			fmt.Fprint(w, `{"user":"reviewer"}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"detail":"not found"}`)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"proj/main.py": "from fastapi import FastAPI\napp = FastAPI()\n", "proj/requirements.txt": "fastapi\n"})
	outDir := t.TempDir()
	code, out, errOut := run(t, map[string]string{"API_TOKEN": secret, "VETFOLIO_NOW": "2026-12-01T00:00:00Z"},
		"audit", filepath.Join(dir, "proj"), "--url", srv.URL, "--header", "Authorization: Bearer $API_TOKEN", "--debug",
		"-f", "json,text,markdown,sarif,html", "--output-dir", outDir)
	if code != ExitOK && code != ExitBelowThreshold {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(outDir, "*"))
	if len(files) != 5 {
		t.Fatalf("reports written: %v", files)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out += string(data)
	}
	if strings.Contains(out+errOut, secret) {
		t.Error("the credential appears in the output or the log")
	}
	if !strings.Contains(out, `"authenticated": true`) && !strings.Contains(out, "with the credentials given") {
		t.Errorf("the report does not show the authenticated look:\n%s", out[:min(len(out), 2000)])
	}
	mu.Lock()
	defer mu.Unlock()
	if len(sentTo) != 1 || sentTo[0] != "/api/me" {
		t.Errorf("credential sent to %v, want only /api/me", sentTo)
	}
}
