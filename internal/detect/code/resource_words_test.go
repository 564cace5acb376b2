package code

import "testing"

// States, views and actions are not resources: /published lists published
// posts, /search searches them. Nouns stay resources.
func TestIsResourceStatesAndActions(t *testing.T) {
	for _, seg := range []string{"published", "active", "archived", "search", "stats", "me", "trending", "latest"} {
		if isResource(seg) {
			t.Errorf("isResource(%q) = true, want false", seg)
		}
	}
	for _, seg := range []string{"books", "orders", "users", "publishers", "archives", "statuses"} {
		if !isResource(seg) {
			t.Errorf("isResource(%q) = false, want true", seg)
		}
	}
}
