package container

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// instruction is one Dockerfile instruction with its continuation lines
// joined.
type instruction struct {
	line int
	cmd  string // upper-cased keyword
	args string
}

// instructions splits a Dockerfile into instructions: comments and blank
// lines dropped, lines ending in a backslash joined to the next.
func instructions(data []byte) []instruction {
	var out []instruction
	var cur strings.Builder
	start := 0
	for i, raw := range bytes.Split(data, []byte{'\n'}) {
		line := strings.TrimSpace(strings.TrimSuffix(string(raw), "\r"))
		if cur.Len() == 0 && (line == "" || strings.HasPrefix(line, "#")) {
			continue
		}
		if cur.Len() > 0 && strings.HasPrefix(line, "#") {
			continue // comments may sit inside a continued instruction
		}
		if cur.Len() == 0 {
			start = i + 1
		}
		cont := strings.HasSuffix(line, "\\")
		cur.WriteString(strings.TrimSuffix(line, "\\"))
		cur.WriteByte(' ')
		if cont {
			continue
		}
		out = append(out, split(start, cur.String()))
		cur.Reset()
	}
	if cur.Len() > 0 {
		out = append(out, split(start, cur.String()))
	}
	return out
}

func split(line int, s string) instruction {
	s = strings.TrimSpace(s)
	cmd, args, _ := strings.Cut(s, " ")
	return instruction{line: line, cmd: strings.ToUpper(cmd), args: strings.TrimSpace(args)}
}

var varRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

// expand substitutes build arguments declared before the first FROM
// (${NAME}, $NAME, ${NAME:-default}); unknown ones are left as written.
func expand(s string, args map[string]string) string {
	return varRef.ReplaceAllStringFunc(s, func(m string) string {
		sub := varRef.FindStringSubmatch(m)
		name := sub[1] + sub[3]
		if v, ok := args[name]; ok && v != "" {
			return v
		}
		if sub[2] != "" && strings.Contains(m, "-") {
			return sub[2]
		}
		return m
	})
}

// Parse reads what the checks need from one Dockerfile. It never fails:
// what it cannot understand it leaves out.
func Parse(p string, data []byte) facts.Dockerfile {
	d := facts.Dockerfile{Path: p}
	args := map[string]string{}
	stages := map[string]bool{}
	var finalImage string
	for _, in := range instructions(data) {
		switch in.cmd {
		case "ARG":
			if d.Stages == 0 {
				name, val, _ := strings.Cut(in.args, "=")
				args[strings.TrimSpace(name)] = strings.Trim(strings.TrimSpace(val), `"'`)
			}
		case "FROM":
			d.Stages++
			d.FromLines = append(d.FromLines, in.line)
			d.User, d.UserLine = "", 0
			fields := strings.Fields(in.args)
			for len(fields) > 0 && strings.HasPrefix(fields[0], "--") {
				fields = fields[1:] // --platform=...
			}
			if len(fields) == 0 {
				continue
			}
			image := expand(fields[0], args)
			finalImage = image
			lower := strings.ToLower(image)
			earlierStage := stages[lower]
			if len(fields) >= 3 && strings.EqualFold(fields[1], "as") {
				stages[strings.ToLower(fields[2])] = true
			}
			if earlierStage || lower == "scratch" {
				continue
			}
			d.Images = append(d.Images, image)
			if !pinned(image) {
				d.Unpinned = append(d.Unpinned, image)
				d.UnpinnedLines = append(d.UnpinnedLines, in.line)
			}
		case "USER":
			if f := strings.Fields(in.args); len(f) > 0 {
				d.User, d.UserLine = f[0], in.line
			}
		}
	}
	switch {
	case d.User != "":
		u, _, _ := strings.Cut(expand(d.User, args), ":")
		d.NonRoot = u != "root" && u != "0"
	default:
		// Distroless and Chainguard-style images that default to a
		// non-root user say so in their tag.
		lower := strings.ToLower(finalImage)
		d.NonRoot = strings.Contains(lower, ":nonroot") || strings.Contains(lower, "-nonroot")
	}
	return d
}

// pinned reports whether an image reference names a version: a digest, or
// a tag other than latest. A reference still holding an unresolved build
// argument cannot be judged and counts as pinned.
func pinned(image string) bool {
	if strings.Contains(image, "@sha256:") || strings.Contains(image, "$") {
		return true
	}
	name := image
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:] // a registry host may carry a port: localhost:5000/app
	}
	_, tag, ok := strings.Cut(name, ":")
	return ok && tag != "" && tag != "latest"
}
