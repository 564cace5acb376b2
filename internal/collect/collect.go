// Package collect builds the typed inventory of a snapshot that the rules
// read: every file's path is shown to every detector once, contents are
// read only for the files a detector wants, and the history is summarised
// from the commits the snapshot carries.
package collect

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/bits"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vetfolio/vetfolio/internal/detect/code"
	"github.com/vetfolio/vetfolio/internal/detect/history"
	"github.com/vetfolio/vetfolio/internal/detect/openapi"
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/source"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// MaxScanBytes is the largest file whose content detectors see; larger
// files are listed but not read.
const MaxScanBytes = 1 << 20

// Options tune a collection.
type Options struct {
	// Now is the time the audit runs, for "days since the last commit".
	Now time.Time
	// Detectors replaces the default set (for tests).
	Detectors []scan.Detector
}

// Collect builds the facts of a snapshot.
func Collect(ctx context.Context, snap *source.Snapshot, opt Options) (*facts.Facts, []string, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	dets := opt.Detectors
	if dets == nil {
		dets = Default()
	}
	var notes []string
	// Context files (a monorepo's root README and CI, outside the audited
	// folder) are shown to the detectors but are not the folder's files.
	own := make([]source.File, 0, len(snap.Files))
	for _, file := range snap.Files {
		if !file.Context && !file.Build {
			own = append(own, file)
		}
	}
	f := &facts.Facts{Files: len(own), Secrets: []facts.Secret{}}
	for _, d := range dets {
		if r, ok := d.(scan.RepoFolderSetter); ok {
			r.SetRepoFolder(snap.RepoFolder)
		}
	}
	var skippedLarge int

	// wantedBy[i] has bit k set when detector k wants file i's content:
	// asked once here, so the feed below does not ask again.
	if len(dets) > 64 {
		return nil, nil, fmt.Errorf("internal error: %d detectors, at most 64", len(dets))
	}
	wantedBy := make([]uint64, len(snap.Files))
	wants := make([]bool, len(snap.Files))
	// A file's path is classified once for every detector's Wants and Scan.
	infos := make([]scan.PathInfo, len(snap.Files))
	for i, file := range snap.Files {
		infos[i] = scan.Classify(file.Path)
		for k, d := range dets {
			if sees(d, file) && wantsFile(d, file, infos[i]) {
				wantedBy[i] |= 1 << k
			}
		}
		wants[i] = wantedBy[i] != 0
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("collect facts: %w", err)
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop() // also releases the readers when Collect returns early
	contents := prefetch(ctx, snap, wants, infos)
	// Each detector runs in its own goroutine, fed in file order, so
	// detectors scan in parallel while each one still sees one file at a
	// time and needs no locking.
	feeds := make([]chan fed, len(dets))
	// A panic in a detector's goroutine is out of reach of the caller's
	// recover and would kill the process; it is kept here as an error.
	panics := make([]error, len(dets))
	var wg sync.WaitGroup
	for k, d := range dets {
		feeds[k] = make(chan fed, 64)
		wg.Add(1)
		go func() {
			defer wg.Done()
			panics[k] = scanAll(ctx, d, feeds[k])
		}()
	}
	for i, file := range snap.Files {
		if ctx.Err() != nil {
			break // Ctrl-C or a cohort's deadline: stop reading, report below
		}
		var r readResult
		if wants[i] {
			var ok bool
			if r, ok = contents.take(ctx, i); !ok {
				break
			}
			if errors.Is(r.err, source.ErrTooLarge) {
				skippedLarge++
			}
		}
		// The file's indexes answer the detectors' prefilters until the
		// last detector fed its content is done with it.
		if r.data != nil {
			r.lend(bits.OnesCount64(wantedBy[i])) // each detector that wants it gets it
		}
		for k, d := range dets {
			if !sees(d, file) {
				continue
			}
			item := fed{File: scan.File{Path: file.Path, Info: &infos[i]}}
			if r.data != nil && wantedBy[i]&(1<<k) != 0 {
				item.Data, item.Code = r.data, r.code
				item.dataIndex, item.codeIndex = r.dataIndex, r.codeIndex
			}
			if !send(ctx, feeds[k], item) {
				item.done()
			}
		}
	}
	for _, feed := range feeds {
		close(feed)
	}
	scanned := make(chan struct{})
	go func() { wg.Wait(); close(scanned) }()
	select {
	case <-scanned:
	case <-ctx.Done():
		// A detector may be inside one large file; it drops the rest once
		// done with it, and nothing it writes is read any more, so Ctrl-C
		// does not wait for it.
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("collect facts: %w", err)
	}
	for _, err := range panics {
		if err != nil {
			return nil, nil, fmt.Errorf("collect facts: %w", err)
		}
	}
	if err := finish(dets, f); err != nil {
		return nil, nil, fmt.Errorf("collect facts: %w", err)
	}
	if at := snap.EnvIgnoredAt; at != "" && !f.Security.EnvIgnored {
		path, line, _ := strings.Cut(at, ":")
		n, _ := strconv.Atoi(line)
		f.Security.EnvIgnored = true
		f.Security.GitignoreEvidence = append(f.Security.GitignoreEvidence, facts.Location{Path: path, Line: n})
	}
	if skippedLarge > 0 {
		notes = append(notes, fmt.Sprintf("%d files larger than %d KiB were listed but not scanned", skippedLarge, MaxScanBytes>>10))
	}
	if err := snap.WaitHistory(); err != nil {
		return nil, nil, err
	}
	if snap.HistoryReason != "" {
		f.History = facts.History{Reason: snap.HistoryReason}
	} else {
		f.History = history.Summarize(snap.Commits, own, opt.Now)
		f.History.Truncated = snap.HistoryTruncated
	}
	if snap.Meta.CIConclusion != "" {
		f.CI.LastConclusion = snap.Meta.CIConclusion
	}
	return f, notes, nil
}

// sees reports whether detector d is shown file at all: build output
// (source.File.Build) only reaches the detectors that read it.
func sees(d scan.Detector, file source.File) bool {
	if !file.Build {
		return true
	}
	_, ok := d.(scan.BuildReader)
	return ok
}

// wantsFile reports whether d wants the content of a file it sees; info is
// scan.Classify(file.Path).
func wantsFile(d scan.Detector, file source.File, info scan.PathInfo) bool {
	if file.Build {
		return d.(scan.BuildReader).WantsBuild(info)
	}
	return d.Wants(info)
}

// stackDecider is implemented by the detector whose findings the others
// take as given: the stack, which they tailor their findings to.
type stackDecider interface {
	DecidesStack()
}

// finish has every detector write its findings into a facts value of its
// own and merges them into f. The stack deciders finish first, and every
// other detector sees their Stack (and nothing else of the others'
// findings), so no detector depends on the order of the list. A field two
// detectors both write is an internal error: each part of the facts has
// one owner. What combines two owners' findings is done here, after the
// merge (join).
func finish(dets []scan.Detector, f *facts.Facts) error {
	owner := make([]int, reflect.TypeFor[facts.Facts]().NumField())
	run := func(k int, in facts.Facts) error {
		out := in
		dets[k].Finish(&out)
		return merge(f, in, out, owner, dets, k)
	}
	for k, d := range dets {
		if _, ok := d.(stackDecider); ok {
			if err := run(k, facts.Facts{Files: f.Files, Secrets: f.Secrets}); err != nil {
				return err
			}
		}
	}
	input := facts.Facts{Files: f.Files, Secrets: []facts.Secret{}, Stack: f.Stack}
	for k, d := range dets {
		if _, ok := d.(stackDecider); !ok {
			if err := run(k, input); err != nil {
				return err
			}
		}
	}
	join(f)
	return nil
}

// merge copies into f each field that detector k's out changed from its
// input in, and records k as the field's owner (owner holds k+1; 0 is
// none).
func merge(f *facts.Facts, in, out facts.Facts, owner []int, dets []scan.Detector, k int) error {
	dst, was, now := reflect.ValueOf(f).Elem(), reflect.ValueOf(in), reflect.ValueOf(out)
	for i := range now.NumField() {
		if reflect.DeepEqual(was.Field(i).Interface(), now.Field(i).Interface()) {
			continue
		}
		field := dst.Type().Field(i).Name
		if owner[i] != 0 && owner[i] != k+1 {
			return fmt.Errorf("internal error: detectors %T and %T both wrote facts.%s", dets[owner[i]-1], dets[k], field)
		}
		owner[i] = k + 1
		dst.Field(i).Set(now.Field(i))
	}
	return nil
}

// join combines findings of two detectors once both are merged: the
// operations of a contract-first server's document are routes it serves
// (code owns the routes, openapi found the document and the implementing
// code), a generated document with no annotated operations documents the
// routes the code serves, and routes declared with authentication are
// protected places.
func join(f *facts.Facts) {
	if at := f.OpenAPI.ImplementedAt; at != nil {
		code.AddDocumentRoutes(f, f.OpenAPI.OperationKeys, *at)
	}
	openapi.CountRoutes(&f.OpenAPI, f.Endpoints)
	// Routes a pack's scanner saw declared with authentication are
	// protected places (auth owns the count, code found the routes).
	if f.Routes.ProtectedCount > 0 {
		f.Auth.ProtectedRoutes += f.Routes.ProtectedCount
		for _, l := range f.Routes.Protected {
			f.Auth.ProtectedEvidence = scan.AddEvidence(f.Auth.ProtectedEvidence, l)
		}
	}
}

// send sends v on ch, or reports false when ctx ends first. The channels
// of the feed nearly always have room (or a waiting reader), and a plain
// send costs a fraction of a select over two channels, which the collector
// would pay once per file and detector; the select is only for a full one.
func send[T any](ctx context.Context, ch chan<- T, v T) bool {
	select {
	case ch <- v:
		return true
	default:
	}
	select {
	case ch <- v:
		return true
	case <-ctx.Done():
		return false
	}
}

// receive is send's other side: a plain receive when a value is waiting
// (a read-ahead file mostly is), the select only when it must wait.
func receive[T any](ctx context.Context, ch <-chan T) (v T, ok bool) {
	select {
	case v = <-ch:
		return v, true
	default:
	}
	select {
	case v = <-ch:
		return v, true
	case <-ctx.Done():
		return v, false
	}
}

// fed is a file on its way to one detector, with the indexes of its
// content, which the detector releases when done with it.
type fed struct {
	scan.File
	dataIndex, codeIndex *scan.Indexed
}

func (f fed) done() {
	f.dataIndex.Release()
	f.codeIndex.Release()
}

// scanAll feeds d every file of feed, and releases each file's indexes
// once Scan returns. After a panic it still drains the feed, so the sender
// never blocks, and returns the panic as an error. Once ctx ends it drains
// without scanning: Ctrl-C must not wait for the files already queued; the
// file being scanned is not interrupted. The anchored regexp tries are
// budgeted linearly (scan/budget.go), but a few hand-written scanners are
// still superlinear on crafted input (see BenchmarkHostileDetectorSurvey):
// on a hostile 1 MiB file that wait can be seconds.
func scanAll(ctx context.Context, d scan.Detector, feed <-chan fed) (err error) {
	var current fed
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error in the %T detector on %s: %v", d, current.Path, r)
			current.done()
			for item := range feed {
				item.done()
			}
		}
	}()
	for item := range feed {
		if ctx.Err() == nil {
			current = item
			d.Scan(item.File)
		}
		item.done()
		current = fed{}
	}
	return nil
}

type readResult struct {
	data []byte
	code []byte // data with comments blanked, for source files
	err  error
	// The literal indexes of data and code (see scan.Index), built by the
	// reader so the prefilters of every detector need no search of their
	// own for a literal the file lacks.
	dataIndex, codeIndex *scan.Indexed
}

// lend makes the file's indexes answer for its content until each reader
// has released them.
func (r readResult) lend(readers int) {
	r.dataIndex.Lend(readers)
	r.codeIndex.Lend(readers)
}

// prefetcher reads the wanted files with a few goroutines, at most a window
// ahead of the scanner, so I/O overlaps scanning while memory stays bounded.
// Tokens are taken in file order, so the file the scanner waits for always
// holds one; the scanner gives a token back when it takes a file. Results
// travel through a ring of window slots, the n-th wanted file through slot
// n mod window: a token is only had once the file a window earlier was
// taken, so its slot is free (one channel per file cost 13 MB on 80,000
// files).
type prefetcher struct {
	ring   [prefetchWindow]chan readResult
	tokens chan struct{}
	next   int // sequence number, among wanted files, of the next to take
}

const prefetchWindow, prefetchReaders = 64, 4

// take waits for the next wanted file, which is file i; ok is false when
// ctx ended first.
func (p *prefetcher) take(ctx context.Context, i int) (r readResult, ok bool) {
	if r, ok = receive(ctx, p.ring[p.next%prefetchWindow]); !ok {
		return r, false
	}
	p.next++
	<-p.tokens
	return r, true
}

func prefetch(ctx context.Context, snap *source.Snapshot, wants []bool, infos []scan.PathInfo) *prefetcher {
	p := &prefetcher{tokens: make(chan struct{}, prefetchWindow)}
	for k := range p.ring {
		p.ring[k] = make(chan readResult, 1)
	}
	type job struct{ file, seq int }
	jobs := make(chan job)
	go func() {
		defer close(jobs)
		seq := 0
		for i, w := range wants {
			if !w {
				continue
			}
			if !send(ctx, p.tokens, struct{}{}) || !send(ctx, jobs, job{i, seq}) {
				return
			}
			seq++
		}
	}()
	for range prefetchReaders {
		go func() {
			for j := range jobs {
				p.ring[j.seq%prefetchWindow] <- read(snap, snap.Files[j.file], infos[j.file])
			}
		}()
	}
	return p
}

// read reads one file and blanks its comments; info is
// scan.Classify(file.Path), which says whether it is source. A panic here
// (a bug in the comment blanker on some input) would kill the process from
// a goroutine no caller can recover in, so it becomes that file's error
// instead.
func read(snap *source.Snapshot, file source.File, info scan.PathInfo) (r readResult) {
	defer func() {
		if v := recover(); v != nil {
			r = readResult{err: fmt.Errorf("internal error reading %s: %v", file.Path, v)}
		}
	}()
	data, err := snap.ReadEntry(file, MaxScanBytes)
	if err == nil && isBinary(data) {
		data = nil
	}
	// Every detector reads data at once: with no room past its end, an
	// append to it (or to code, which may be data itself) copies instead
	// of writing where another detector could be reading.
	data = data[:len(data):len(data)]
	var code []byte
	// Only the secret scan reads build output, and it reads the raw text.
	if data != nil && !file.Build && info.Source {
		code = scan.Code(data, scan.SourceExts[info.Ext])
	}
	r = readResult{data: data, code: code, err: err, dataIndex: scan.NewIndexed(data)}
	if !sameBuffer(code, data) {
		r.codeIndex = scan.NewIndexed(code)
	}
	// Else Code had no comment to blank and gave data itself back, whose
	// one index, lent once per reader, serves both.
	return r
}

// sameBuffer reports whether a and b are one buffer: same start, same
// length.
func sameBuffer(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// isBinary reports whether data looks like a binary file: a NUL byte in
// its first 8 KiB.
func isBinary(data []byte) bool {
	n := min(len(data), 8000)
	return bytes.IndexByte(data[:n], 0) >= 0
}
