from claimgraph.cli.main import run

run()
