package project

import (
	"reflect"
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

func TestReadmeURLsLoseTheirCredentials(t *testing.T) {
	f := run(t, facts.Stack{Language: "python", Framework: "fastapi"},
		file("README.md", "# Shop API\n\nLive demo: https://demo:S3cretPW@shop-api.onrender.com/docs\n"))
	if want := []string{"https://shop-api.onrender.com/docs"}; !reflect.DeepEqual(f.Readme.URLs, want) {
		t.Errorf("urls = %q, want %q", f.Readme.URLs, want)
	}
}
