"""claimgraph: turn a folder of articles into the system they describe, then triangulate it."""

__version__ = "0.1.0"
