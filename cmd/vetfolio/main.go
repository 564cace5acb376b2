// Command vetfolio audits a backend portfolio project the way a hiring
// manager would.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/vetfolio/vetfolio/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.OSStreams())
	stop()
	os.Exit(code)
}
