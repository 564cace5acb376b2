package code

import (
	"strings"
	"testing"
)

// normPathEveryRewrite is normPath running every rewrite unconditionally:
// the gated normPath must agree with it on every path.
func normPathEveryRewrite(p string) string {
	p = strings.TrimSpace(p)
	p = strings.TrimPrefix(p, "^")
	p = strings.TrimSuffix(p, "$")
	p = reRegexParam.ReplaceAllString(p, "{$1}")
	p = reAngleParam.ReplaceAllString(p, "{$1}")
	p = reBraceParam.ReplaceAllString(p, "{$1}")
	p = reColonParam.ReplaceAllString(p, "{$1}")
	p = reStarParam.ReplaceAllString(p, "{$1}")
	p = "/" + p
	p = reSlashes.ReplaceAllString(p, "/")
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	return p
}

func TestNormPathRewritesEachParameterStyle(t *testing.T) {
	for in, want := range map[string]string{
		"/items/{item_id}":                 "/items/{item_id}",
		"/items/{id:int}":                  "/items/{id}",
		"/items/{id:[0-9]+}/x":             "/items/{id}/x",
		"^users/(?P<pk>[0-9]+)/$":          "/users/{pk}",
		"users/<int:pk>/":                  "/users/{pk}",
		"/users/:id":                       "/users/{id}",
		"/users/:id(\\d+)?":                "/users/{id}",
		"/files/*path":                     "/files/{path}",
		"//a///b/":                         "/a/b",
		"":                                 "/",
		" /health ":                        "/health",
		"/a/{b}/:c/<d>/*e":                 "/a/{b}/{c}/{d}/{e}",
		"/r0/items/{item_id}":              "/r0/items/{item_id}",
		"/x/{a:b}/(?P<n>\\w+)/<str:slug>/": "/x/{a}/{n}/{slug}",
	} {
		if got := normPath(in); got != want {
			t.Errorf("normPath(%q) = %q, want %q", in, got, want)
		}
		if got, ref := normPath(in), normPathEveryRewrite(in); got != ref {
			t.Errorf("normPath(%q) = %q, every rewrite gives %q", in, got, ref)
		}
	}
}
