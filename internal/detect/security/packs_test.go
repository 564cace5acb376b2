package security

import (
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// The php pack's table is read for a Laravel project: form requests,
// throttle middleware, config/cors.php and its wildcard.
func TestPackSecurityTables(t *testing.T) {
	st := facts.Stack{Language: "php", Framework: "laravel"}
	f := run(st, map[string]string{
		"app/Http/Requests/StoreEventRequest.php": "<?php\nclass StoreEventRequest extends FormRequest {}\n",
		"routes/api.php":  "<?php\nRoute::post('/login', L::class)->middleware('throttle:5,1');\n",
		"config/cors.php": "<?php\nreturn ['paths' => ['api/*'], 'allowed_origins' => ['*']];\n",
	})
	sec := f.Security
	if sec.Validation != "laravel-validation" || sec.RateLimit != "laravel-throttle" || !sec.CORS || !sec.CORSWildcard {
		t.Errorf("security %+v", sec)
	}
	f = run(st, map[string]string{
		"app/Http/Controllers/ProductController.php": "<?php\nclass ProductController { public function store(Request $r) { return Product::create($r->all()); } }\n// throttle, FormRequest\n",
	})
	sec = f.Security
	if sec.Validation != "" || sec.RateLimit != "" || sec.CORS {
		t.Errorf("a tutorial controller read as secured: %+v", sec)
	}
}

func TestEnvCopiesAreEnvFiles(t *testing.T) {
	for base, want := range map[string]bool{".env_20240506082904": true, ".env_backup": true, ".env_example": false, ".env.example": false, ".env": true} {
		if got := isEnvFile(base); got != want {
			t.Errorf("isEnvFile(%q) = %v, want %v", base, got, want)
		}
	}
}
