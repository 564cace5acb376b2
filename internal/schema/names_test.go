package schema

import "testing"

func TestPluralAndSnake(t *testing.T) {
	for in, want := range map[string]string{"user": "users", "category": "categories", "address": "addresses", "person": "people", "status": "statuses", "news": "news", "key": "keys", "box": "boxes"} {
		if got := Plural(in); got != want {
			t.Errorf("Plural(%s) = %s, want %s", in, got, want)
		}
	}
	for in, want := range map[string]string{"UserProfile": "user_profile", "HTTPLog": "http_log", "User": "user"} {
		if got := Snake(in); got != want {
			t.Errorf("Snake(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestSnakeAndPluralOfGORMStructs(t *testing.T) {
	for in, want := range map[string]string{"UserProfile": "user_profiles", "Category": "categories", "HTTPLog": "http_logs", "Address": "addresses", "Person": "people", "Key": "keys"} {
		if got := Plural(Snake(in)); got != want {
			t.Errorf("%s → %s, want %s", in, got, want)
		}
	}
	if got := Snake("UserID"); got != "user_id" {
		t.Errorf("UserID → %s", got)
	}
}
