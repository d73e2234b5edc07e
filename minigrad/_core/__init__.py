"""minigrad's core: tensor storage and autograd state (flags, version counters), the backward graph's
nodes and saved tensors, grad mode, dtypes and type promotion, broadcasting and memory layout, views.

It imports numpy and nothing of minigrad above it; ops, the engine and the public API build on it.
"""
