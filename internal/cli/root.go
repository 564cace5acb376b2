// Package cli wires vetfolio's commands. Each command is an options struct
// filled by flag parsing and a run function that does the work, so flags and
// behaviour are tested apart.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/vetfolio/vetfolio/internal/config"
)

// Streams are the process's standard streams and whether they are terminals.
type Streams struct {
	In          io.Reader
	Out, ErrOut io.Writer
	// OutTTY is true when Out is a terminal: colour and progress, not
	// stable lines.
	OutTTY, ErrTTY bool
	// Width is the terminal's width in columns when Out is a terminal
	// (0: unknown); the text report wraps its lines to it.
	Width int
	// Env looks up environment variables (os.LookupEnv in main).
	Env func(string) (string, bool)
}

// OSStreams returns the process's own streams.
func OSStreams() Streams {
	isTTY := func(f *os.File) bool {
		return isatty.IsTerminal(f.Fd()) && os.Getenv("TERM") != "dumb"
	}
	st := Streams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		OutTTY: isTTY(os.Stdout), ErrTTY: isTTY(os.Stderr), Env: os.LookupEnv}
	if st.OutTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 0 {
			st.Width = w
		}
	}
	return st
}

// width is the terminal's width: $COLUMNS when set (a shell's own idea,
// and tests), else what the terminal reports.
func (s Streams) width() int {
	if n, err := strconv.Atoi(s.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return s.Width
}

func (s Streams) getenv(key string) string {
	if s.Env == nil {
		return ""
	}
	v, _ := s.Env(key)
	return v
}

// Run executes vetfolio with args and returns the exit code. Errors are
// printed here, once, as one line.
func Run(ctx context.Context, args []string, st Streams) (code int) {
	// A bug must not greet the user with a goroutine dump: say what
	// happened in one line, with the way to report it.
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(st.ErrOut, "vetfolio: internal error: %v (please report it with the command you ran; --debug shows more)\n", r)
			code = ExitError
		}
	}()
	root := NewRootCmd(st)
	root.SetArgs(args)
	root.SetIn(st.In)
	root.SetOut(st.Out)
	root.SetErr(st.ErrOut)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	err = unknownCommand(root, err)
	code = exitCode(err)
	var threshold *ThresholdError
	switch {
	case errors.As(err, &threshold):
		fmt.Fprintf(st.ErrOut, "vetfolio: %s\n", err)
	case code == ExitUsage && !strings.Contains(err.Error(), "--help"):
		fmt.Fprintf(st.ErrOut, "vetfolio: %s (see '%s --help')\n", oneLine(err.Error()), strings.TrimSpace("vetfolio "+commandName(root, args)))
	default:
		fmt.Fprintf(st.ErrOut, "vetfolio: %s\n", oneLine(err.Error()))
	}
	return code
}

func commandName(root *cobra.Command, args []string) string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd == root {
		return ""
	}
	return strings.TrimPrefix(cmd.CommandPath(), root.Name()+" ")
}

// oneLine keeps an error to one line: git and other tools append their
// stderr, which may span several.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}

// NewRootCmd builds the command tree.
func NewRootCmd(st Streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "vetfolio",
		Short: "Audit a backend portfolio project the way a hiring manager would",
		Long: `vetfolio reads a backend project (a local folder or a GitHub repository) and its
deployed URL, checks them against what hiring managers look for in a junior
backend portfolio, and prints a scored report with the fixes that would raise
the score most.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version(),
	}
	root.SetVersionTemplate("vetfolio {{.Version}}\n")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &UsageError{Msg: err.Error() + suggestFlag(cmd, err.Error())}
	})
	root.AddCommand(newAuditCmd(st, nil), newRulesCmd(st), newVersionCmd(st), newConfigCmd(st), newSchemaCmd(st), newInitCmd(st),
		newDiffCmd(st), newMergeCmd(st), newProfileCmd(st))
	root.CompletionOptions.HiddenDefaultCmd = false
	return root
}

// logger returns a logger to stderr; rules never log, plumbing may.
func logger(st Streams, debug bool) *slog.Logger {
	level := slog.LevelWarn
	if debug {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(st.ErrOut, &slog.HandlerOptions{Level: level}))
}

// wrapArgs turns cobra's argument errors into usage errors.
func wrapArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return &UsageError{Msg: err.Error()}
		}
		return nil
	}
}

// unknownCommand turns cobra's "unknown command" error, which is plain
// text with the suggestions on further lines, into a usage error that
// keeps the suggestion on the one line printed.
func unknownCommand(root *cobra.Command, err error) error {
	var usage *UsageError
	if errors.As(err, &usage) {
		return err
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "unknown command ") {
		return err
	}
	name, _, _ := strings.Cut(strings.TrimPrefix(msg, "unknown command "), " for ")
	name = strings.Trim(name, `"`)
	var valid []string
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			valid = append(valid, c.Name())
		}
	}
	hint := config.Suggest(name, valid)
	if hint == "" {
		hint = " ('vetfolio --help' lists the commands)"
	}
	return &UsageError{Msg: fmt.Sprintf("unknown command %q%s", name, hint)}
}

// suggestFlag names the closest flag of cmd to a mistyped one, from
// pflag's "unknown flag: --fromat" or "unknown shorthand flag: 'x' in -x".
func suggestFlag(cmd *cobra.Command, msg string) string {
	name, ok := strings.CutPrefix(msg, "unknown flag: --")
	if !ok {
		return ""
	}
	var valid []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			valid = append(valid, f.Name)
		}
	})
	cmd.InheritedFlags().VisitAll(func(f *pflag.Flag) { valid = append(valid, f.Name) })
	if s := config.Suggest(name, valid); s != "" {
		return strings.Replace(s, `"`, `"--`, 1)
	}
	return ""
}
