package cohort

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func noFolders(string) bool { return false }

func TestReadListLines(t *testing.T) {
	in := "# cohort of spring 2024\n\nalice/orders-api https://orders.example.com Alice Smith\nhttps://github.com/bob/hello   # Bob's first API\ncarol/notes Carol\n"
	got, err := ReadList(strings.NewReader(in), "cohort.txt", noFolders)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{Target: "alice/orders-api", URL: "https://orders.example.com", Label: "Alice Smith", Line: 3},
		{Target: "https://github.com/bob/hello", Line: 4},
		{Target: "carol/notes", Label: "Carol", Line: 5},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestReadListCSV(t *testing.T) {
	in := "name,repo,deployed_url\n# withdrew: dave/x\nAlice,alice/orders-api,https://orders.example.com\n\"Bob, Jr.\",bob/hello,\n"
	got, err := ReadList(strings.NewReader(in), "cohort.csv", noFolders)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{Target: "alice/orders-api", URL: "https://orders.example.com", Label: "Alice", Line: 3},
		{Target: "bob/hello", Label: "Bob, Jr.", Line: 4},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestReadListBadLines(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"not a target", "alice/api\nnot a repo at all!!\n", "list.txt:2: \"not\" is neither owner/repo"},
		{"gitlab", "\n\nhttps://gitlab.com/a/b\n", "list.txt:3: "},
		{"bad url", "alice/api ftp://files.example.com Alice\n", "list.txt:1: deployed URL \"ftp://files.example.com\" is not an http(s) URL"},
		{"url after label", "alice/api Alice https://x.example.com\n", "list.txt:1: "},
		{"duplicate", "alice/api\nbob/api\nhttps://github.com/Alice/api\n", "list.txt:3: https://github.com/Alice/api is already listed on line 1"},
		{"csv field count", "target,label\nalice/api,Alice\nbob/api,Bob,extra\n", "list.txt:3: 3 fields, but the header has 2"},
		{"csv empty target", "target,label\n,Alice\n", "list.txt:2: no value in the \"target\" column"},
		{"empty", "# nothing yet\n", "list.txt:1: no targets in the list"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadList(strings.NewReader(tc.in), "list.txt", noFolders)
			var le *ListError
			if !errors.As(err, &le) || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v, want prefix %q", err, tc.want)
			}
		})
	}
	// Every bad line is reported, the first in the message.
	_, err := ReadList(strings.NewReader("a b c d\nok/repo\nx y\n"), "l", noFolders)
	if err == nil || !strings.Contains(err.Error(), "l:1:") || !strings.Contains(err.Error(), "and 1 more bad line") {
		t.Errorf("two bad lines: %v", err)
	}
}

func TestShard(t *testing.T) {
	var entries []Entry
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"} {
		entries = append(entries, Entry{Target: "owner/" + n})
	}
	seen := map[string]int{}
	for i := 1; i <= 3; i++ {
		s, err := ParseShard(fmt.Sprintf("%d/3", i))
		if err != nil {
			t.Fatal(err)
		}
		part := s.Select(entries)
		if len(part) == len(entries) || len(part) == 0 {
			t.Errorf("shard %s has %d of %d", s, len(part), len(entries))
		}
		for _, e := range part {
			seen[e.Target]++
		}
	}
	for _, e := range entries {
		if seen[e.Target] != 1 {
			t.Errorf("%s is in %d shards", e.Target, seen[e.Target])
		}
	}
	// The same target, written another way, falls in the same shard.
	s, _ := ParseShard("2/3")
	if s.Has("owner/a") != s.Has("https://github.com/Owner/a") {
		t.Error("shard depends on how the target is written")
	}
	for _, bad := range []string{"0/3", "4/3", "3", "a/b", "1/0"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
}
