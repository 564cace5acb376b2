package project

import (
	"reflect"
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// A link labelled only "demo" is often a shared demo (RealWorld's
// demo.realworld.io); it is the project's live URL only when the README
// says so, and a hosting-platform link always comes first.
func TestReadmeDemoLinks(t *testing.T) {
	const realworldHeader = "# ![RealWorld Example App](logo.png)\n\n> ### NestJS codebase containing real world examples (CRUD, auth, advanced patterns, etc) that adheres to the [RealWorld](https://github.com/gothinkster/realworld) spec and API.\n\n### [Demo](https://demo.realworld.io/)&nbsp;&nbsp;&nbsp;&nbsp;[RealWorld](https://github.com/gothinkster/realworld)\n\nThis codebase was created to demonstrate a fully fledged fullstack application built with **NestJS** including CRUD operations, authentication, routing, pagination, and more.\n"
	tests := []struct {
		name, text string
		urls       []string
	}{
		{"realworld shared demo", realworldHeader, nil},
		{"realworld shared demo called live", "# Conduit API\n\nLive demo: https://demo.realworld.show\nBase URL: https://api.realworld.io/api\n", nil},
		{"a bare demo link", "# Shop API\n\n[Demo](https://shop-demo.acme-widgets.com)\n", nil},
		{"a demo of the framework", "# Todo API\n\nSee the framework's demo at https://showcase.somelib.dev for ideas.\n", nil},
		{"my demo", "# Shop API\n\nMy demo: https://shop.janedoe.dev\n", []string{"https://shop.janedoe.dev"}},
		{"this project's demo", "# Shop API\n\nA demo of this API is deployed at https://api.janedoe.dev/docs\n", []string{"https://api.janedoe.dev/docs"}},
		{"realworld header and the project's own deployment", realworldHeader + "\nDeployed on Render: https://conduit-nest.onrender.com/api\n", []string{"https://conduit-nest.onrender.com/api"}},
		{"a platform link before a labelled custom domain", "# Bookshelf\n\nLive: https://bookshelf.janedoe.dev\n\nAPI: https://bookshelf-api.up.railway.app\n", []string{"https://bookshelf-api.up.railway.app", "https://bookshelf.janedoe.dev"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := run(t, facts.Stack{}, file("README.md", tt.text))
			if !reflect.DeepEqual(f.Readme.URLs, tt.urls) {
				t.Errorf("urls = %v, want %v", f.Readme.URLs, tt.urls)
			}
			want := ""
			if len(tt.urls) > 0 {
				want = tt.urls[0]
			}
			if f.Deploy.URL != want {
				t.Errorf("deploy url = %q, want %q", f.Deploy.URL, want)
			}
		})
	}
}
