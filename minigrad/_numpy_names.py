"""numpy's argument names, which torch's argument parser takes for every op it binds: `axis` for `dim` and
`keepdims` for `keepdim` (`x.sum(axis=0, keepdims=True)`). torch's Python-level functions, such as
torch.nn.functional.softmax, do not take them, so only torch.* functions and Tensor methods get them here.
"""

import functools
import inspect

ALIASES = {"axis": "dim", "keepdims": "keepdim"}


def _takes_dim(fn):
    try:
        parameters = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "dim" in parameters or "keepdim" in parameters


def numpy_names(fn, public_name):
    @functools.wraps(fn)
    def call(*args, **kwargs):
        if kwargs:
            for alias, name in ALIASES.items():
                if alias in kwargs:
                    if name in kwargs:  # both: torch takes the alias for an unknown argument
                        raise TypeError(f"{public_name}() got an unexpected keyword argument '{alias}'")
                    kwargs[name] = kwargs.pop(alias)
        return fn(*args, **kwargs)

    return call


def add_numpy_names(namespace, names, tensor_class):
    """Wrap the functions `names` of `namespace` (a module's globals) and every Tensor method that has a
    `dim` or `keepdim` parameter."""
    for name in names:
        fn = namespace.get(name)
        if inspect.isfunction(fn) and _takes_dim(fn):
            namespace[name] = numpy_names(fn, name)
    for name, fn in list(vars(tensor_class).items()):
        if inspect.isfunction(fn) and not name.startswith("__") and _takes_dim(fn):
            setattr(tensor_class, name, numpy_names(fn, name))
