package scan

import "io"

// The methods below run the compiled regexp as is, without the
// prefilter; they are here so a Regexp offers every method of
// regexp.Regexp while being compiled at first use.

// String returns the source text of the pattern.
func (r *Regexp) String() string { return r.pattern }

// NumSubexp is regexp.Regexp.NumSubexp.
func (r *Regexp) NumSubexp() int { return r.compiled().NumSubexp() }

// SubexpNames is regexp.Regexp.SubexpNames.
func (r *Regexp) SubexpNames() []string { return r.compiled().SubexpNames() }

// SubexpIndex is regexp.Regexp.SubexpIndex.
func (r *Regexp) SubexpIndex(name string) int { return r.compiled().SubexpIndex(name) }

// LiteralPrefix is regexp.Regexp.LiteralPrefix.
func (r *Regexp) LiteralPrefix() (prefix string, complete bool) {
	return r.compiled().LiteralPrefix()
}

// MatchReader is regexp.Regexp.MatchReader.
func (r *Regexp) MatchReader(in io.RuneReader) bool { return r.compiled().MatchReader(in) }

// FindReaderIndex is regexp.Regexp.FindReaderIndex.
func (r *Regexp) FindReaderIndex(in io.RuneReader) []int { return r.compiled().FindReaderIndex(in) }

// FindReaderSubmatchIndex is regexp.Regexp.FindReaderSubmatchIndex.
func (r *Regexp) FindReaderSubmatchIndex(in io.RuneReader) []int {
	return r.compiled().FindReaderSubmatchIndex(in)
}

// FindString is regexp.Regexp.FindString.
func (r *Regexp) FindString(s string) string { return r.compiled().FindString(s) }

// FindStringIndex is regexp.Regexp.FindStringIndex.
func (r *Regexp) FindStringIndex(s string) []int { return r.compiled().FindStringIndex(s) }

// FindStringSubmatchIndex is regexp.Regexp.FindStringSubmatchIndex.
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	return r.compiled().FindStringSubmatchIndex(s)
}

// FindAllString is regexp.Regexp.FindAllString.
func (r *Regexp) FindAllString(s string, n int) []string { return r.compiled().FindAllString(s, n) }

// FindAllStringIndex is regexp.Regexp.FindAllStringIndex.
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return r.compiled().FindAllStringIndex(s, n)
}

// FindAllStringSubmatchIndex is regexp.Regexp.FindAllStringSubmatchIndex.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.compiled().FindAllStringSubmatchIndex(s, n)
}

// ReplaceAll is regexp.Regexp.ReplaceAll.
func (r *Regexp) ReplaceAll(src, repl []byte) []byte { return r.compiled().ReplaceAll(src, repl) }

// ReplaceAllFunc is regexp.Regexp.ReplaceAllFunc.
func (r *Regexp) ReplaceAllFunc(src []byte, repl func([]byte) []byte) []byte {
	return r.compiled().ReplaceAllFunc(src, repl)
}

// ReplaceAllLiteral is regexp.Regexp.ReplaceAllLiteral.
func (r *Regexp) ReplaceAllLiteral(src, repl []byte) []byte {
	return r.compiled().ReplaceAllLiteral(src, repl)
}

// ReplaceAllString is regexp.Regexp.ReplaceAllString.
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.compiled().ReplaceAllString(src, repl)
}

// ReplaceAllLiteralString is regexp.Regexp.ReplaceAllLiteralString.
func (r *Regexp) ReplaceAllLiteralString(src, repl string) string {
	return r.compiled().ReplaceAllLiteralString(src, repl)
}

// ReplaceAllStringFunc is regexp.Regexp.ReplaceAllStringFunc.
func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.compiled().ReplaceAllStringFunc(src, repl)
}

// Split is regexp.Regexp.Split.
func (r *Regexp) Split(s string, n int) []string { return r.compiled().Split(s, n) }

// Expand is regexp.Regexp.Expand.
func (r *Regexp) Expand(dst, template, src []byte, match []int) []byte {
	return r.compiled().Expand(dst, template, src, match)
}

// ExpandString is regexp.Regexp.ExpandString.
func (r *Regexp) ExpandString(dst []byte, template, src string, match []int) []byte {
	return r.compiled().ExpandString(dst, template, src, match)
}

// MarshalText is regexp.Regexp.MarshalText: the pattern's source text.
func (r *Regexp) MarshalText() ([]byte, error) { return []byte(r.pattern), nil }
