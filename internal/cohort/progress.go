package cohort

import (
	"fmt"
	"io"

	"github.com/schollz/progressbar/v3"
)

// Lines is the progress of a cohort in a pipe: one stable line per target
// finished, no control characters.
type Lines struct {
	W     io.Writer
	total int
	done  int
	fail  int
}

// Start implements Progress.
func (l *Lines) Start(total int) { l.total = total }

// Begin implements Progress; a pipe gets no line for a start.
func (l *Lines) Begin(Entry) {}

// End implements Progress.
func (l *Lines) End(e Entry, r Row) {
	l.done++
	if r.OK() {
		fmt.Fprintf(l.W, "[%d/%d] %s: %d %s\n", l.done, l.total, e.Name(), r.Score, r.Grade)
		return
	}
	l.fail++
	fmt.Fprintf(l.W, "[%d/%d] %s: failed: %s\n", l.done, l.total, e.Name(), printable(r.Error))
}

// Note implements Progress.
func (l *Lines) Note(msg string) { fmt.Fprintf(l.W, "vetfolio: %s\n", printable(msg)) }

// Finish implements Progress.
func (l *Lines) Finish() {}

// Bar is the progress of a cohort on a terminal: a bar with the targets
// done, the one that started last and the failures so far.
type Bar struct {
	W    io.Writer
	bar  *progressbar.ProgressBar
	fail int
	cur  string
}

// Start implements Progress.
func (b *Bar) Start(total int) {
	b.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(b.W),
		progressbar.OptionSetWidth(24),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(0),
		progressbar.OptionSetDescription("auditing"),
	)
}

func (b *Bar) describe() {
	d := "auditing " + b.cur
	if b.fail > 0 {
		d += fmt.Sprintf(" (%d failed)", b.fail)
	}
	b.bar.Describe(d)
}

// Begin implements Progress.
func (b *Bar) Begin(e Entry) {
	b.cur = e.Name()
	b.describe()
}

// End implements Progress.
func (b *Bar) End(e Entry, r Row) {
	if !r.OK() {
		b.fail++
		// A failure stays on screen above the bar.
		b.bar.Clear()
		fmt.Fprintf(b.W, "\r%s: failed: %s\n", e.Name(), printable(r.Error))
	}
	b.describe()
	b.bar.Add(1)
}

// Note implements Progress.
func (b *Bar) Note(msg string) {
	b.bar.Clear()
	fmt.Fprintf(b.W, "\rvetfolio: %s\n", printable(msg))
	b.bar.RenderBlank()
}

// Finish implements Progress.
func (b *Bar) Finish() {
	b.bar.Finish()
	fmt.Fprintf(b.W, "\r")
}
