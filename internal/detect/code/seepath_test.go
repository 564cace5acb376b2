package code

import (
	"reflect"
	"testing"
)

func TestSeePathFindsClientFolders(t *testing.T) {
	for p, want := range map[string][]clientCandidate{
		"mobile/android/app/src/main/AndroidManifest.xml": {{"mobile", 1}},
		"AndroidManifest.xml":                             nil,
		"ios/App.xcodeproj/project.pbxproj":               {{"ios", 1}},
		"apps/web/public/index.html":                      {{"apps/web", 2}},
		"Frontend/public/index.html":                      {{"Frontend", 2}},
		"public/index.html":                               nil,
		"index.html":                                      nil,
		"a//web/index.html":                               {{"a//web", 2}},
		"client/src/main.ts":                              {{"client", 3}},
		"SDK/python/client.py":                            {{"SDK", 3}},
		"cmd/apicli/main.go":                              {{"cmd/apicli", 3}},
		"cmd/server/main.go":                              nil,
		"cmd/client.go":                                   nil, // a file in cmd/, not a program folder
		"client.py":                                       nil,
		"client/README.md":                                nil,
		"app/module0/handlers_0.py":                       nil,
	} {
		var c scopeState
		c.seePath(p)
		if !reflect.DeepEqual(c.candidates, want) {
			t.Errorf("seePath(%q) = %v, want %v", p, c.candidates, want)
		}
	}
}
