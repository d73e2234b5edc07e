"""Program fuzzing: random autograd programs run step by step, in lockstep, on torch and a backend.

- ``generate.programs()``: a hypothesis strategy for programs (lists of one-statement steps)
- ``interpret.run_program(torch, obs, program)``: runs one on an engine, recording the state after each step
- ``script.render_script(program)``: the program as a standalone torch-API script that prints the same
"""

from conformance.programs.generate import ENTER_NO_GRAD, EXIT_NO_GRAD, programs
from conformance.programs.interpret import run_program
from conformance.programs.script import render_script

__all__ = ["ENTER_NO_GRAD", "EXIT_NO_GRAD", "programs", "render_script", "run_program"]
