// Command velocity is the Velocity Callbacks server and its admin tool.
package main

import (
	"context"
	"os"

	"github.com/customerdynamics/velocity/cli"
)

func main() {
	os.Exit(cli.Main(context.Background(), os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
}
