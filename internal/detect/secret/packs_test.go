package secret

import (
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// The php pack's Laravel knowledge: a committed APP_KEY is a secret, a
// form request's password rule is not.
func TestPackSecrets(t *testing.T) {
	key := "base64:q3Jm8ZtP0vXw2cYk5Lr7Nb9Hd1Fg4Sa6Ue8Wi0Oy2Tq="
	got := run(scan.File{Path: ".env", Data: []byte("APP_NAME=Laravel\nAPP_KEY=" + key + "\n")})
	if len(got) != 1 || got[0].Rule != "laravel-app-key" || got[0].Line != 2 {
		t.Fatalf("secrets %+v, want the APP_KEY on line 2", got)
	}
	if strings.Contains(got[0].Redacted, key[8:]) {
		t.Errorf("the key shown: %+v", got[0])
	}

	for name, f := range map[string]scan.File{
		"an empty key":          {Path: ".env", Data: []byte("APP_KEY=\n")},
		"a placeholder":         {Path: ".env.travis", Data: []byte("APP_KEY=randomkeyreplacethis\n")},
		"the example file":      {Path: ".env.example", Data: []byte("APP_KEY=" + key + "\n")},
		"a password rule":       {Path: "app/Http/Requests/SignUpRequest.php", Data: []byte("<?php\nreturn ['password' => 'required|string|min:8|confirmed'];\n")},
		"a reset password rule": {Path: "app/Http/Requests/ResetPasswordRequest.php", Data: []byte("<?php\n$rules = ['password' => 'required|string|min:12'];\n")},
	} {
		if got := run(f); len(got) != 0 {
			t.Errorf("%s reported: %+v", name, got)
		}
	}
	// A real password in PHP source is still one.
	if got := run(scan.File{Path: "config/services.php", Data: []byte("<?php\nreturn ['password' => 'Xk9#mQ2vL7pR4tZw'];\n")}); len(got) != 1 {
		t.Errorf("a literal password in PHP not reported: %+v", got)
	}
}

// An editor's history copy of .env is a committed .env file too.
func TestEnvCopies(t *testing.T) {
	key := "base64:v7bmmowij2VGxWtTnQ8rL3kD9sF1aZ5cX0yH6uJ4pE2="
	got := run(scan.File{Path: ".history/.env_20240506082904", Data: []byte("APP_KEY=" + key + "\n")})
	if len(got) != 1 || got[0].Rule != "laravel-app-key" {
		t.Errorf("secrets in an .env copy: %+v", got)
	}
	if got := run(scan.File{Path: ".env_example", Data: []byte("APP_KEY=" + key + "\n")}); len(got) != 0 {
		t.Errorf(".env_example read as a real .env: %+v", got)
	}
}

// Devise's generator writes a random key into a commented-out example line
// of its initializer; the app never reads it. The same key set for real
// is still a committed secret.
func TestDeviseGeneratorComment(t *testing.T) {
	key := "b8008800973c064ef11a8e1a7477c983f7526dc8e44e45b7713c1e92ad8cb1095e1b280716e92d99e4c4dc32497230677617adec1a179ffdf114ed222e69c123"
	commented := "Devise.setup do |config|\n  # config.secret_key = '" + key + "'\nend\n"
	if got := run(scan.File{Path: "config/initializers/devise.rb", Data: []byte(commented)}); len(got) != 0 {
		t.Errorf("the generator's commented example reported: %+v", got)
	}
	live := "Devise.setup do |config|\n  config.secret_key = '" + key + "'\nend\n"
	got := run(scan.File{Path: "config/initializers/devise.rb", Data: []byte(live)})
	if len(got) != 1 || got[0].Line != 2 {
		t.Fatalf("a live Devise key not reported on line 2: %+v", got)
	}
	if strings.Contains(got[0].Redacted, key[8:]) {
		t.Errorf("the key shown: %+v", got[0])
	}
}
