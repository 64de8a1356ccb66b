"""`python -m peermap` runs the same entry point as the console script."""

from peermap.main import main

main()
