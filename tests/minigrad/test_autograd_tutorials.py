"""Autograd tutorial- and documentation-style programs (our own, in the manner of "A Gentle Introduction to
torch.autograd", "Automatic Differentiation with torch.autograd", the autograd mechanics notes, the custom
Function and double-backward tutorials, the torch.autograd.functional and forward-AD docs, micrograd-style
engines) run with `torch` bound to torch and to minigrad: the printed output and warnings must agree."""

import pytest
from _programs import assert_program_runs_alike

GENTLE_INTRO = """
import torch

a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3 * a ** 3 - b ** 2
print(Q)
external_grad = torch.tensor([1., 1.])
Q.backward(gradient=external_grad)
print(a.grad, b.grad)
print(9 * a ** 2 == a.grad)
print(-2 * b == b.grad)
print(Q.grad_fn)
print(Q.grad_fn.next_functions)
print(Q.is_leaf, a.is_leaf, a.grad_fn)
x = torch.rand(5, 5)
print((x + a.sum()).requires_grad, (x * 2).requires_grad)
"""

AUTOMATIC_DIFFERENTIATION = """
import torch

torch.manual_seed(0)
x = torch.ones(5)
y = torch.zeros(3)
w = torch.randn(5, 3, requires_grad=True)
b = torch.randn(3, requires_grad=True)
z = torch.matmul(x, w) + b
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
print(f"Gradient function for z = {z.grad_fn}")
print(f"Gradient function for loss = {loss.grad_fn}")
loss.backward()
print(w.grad)
print(b.grad)
z = torch.matmul(x, w) + b
print(z.requires_grad)
with torch.no_grad():
    z = torch.matmul(x, w) + b
print(z.requires_grad)
z = torch.matmul(x, w) + b
z_det = z.detach()
print(z_det.requires_grad)

inp = torch.eye(4, 5, requires_grad=True)
out = (inp + 1).pow(2).t()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"First call\\n{inp.grad}")
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\\nSecond call\\n{inp.grad}")
inp.grad.zero_()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\\nCall after zeroing gradients\\n{inp.grad}")
try:
    loss.backward()
except RuntimeError as e:
    print(type(e).__name__, str(e)[:80])
"""

LINEAR_REGRESSION_BY_HAND = """
import torch

torch.manual_seed(42)
X = torch.randn(100, 1)
true_w, true_b = 2.5, -0.7
y = true_w * X + true_b + 0.1 * torch.randn(100, 1)
w = torch.zeros(1, 1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.1
for epoch in range(60):
    y_hat = X @ w + b
    loss = ((y_hat - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    if epoch % 10 == 0:
        print(f"epoch {epoch:3d}  loss {loss.item():.6f}")
print("w =", w.item(), "b =", b.item())
print(w, b)
print(w.grad, b.grad)
"""

MICROGRAD_STYLE = """
import torch

x1 = torch.tensor([2.0]).double(); x1.requires_grad = True
x2 = torch.tensor([0.0]).double(); x2.requires_grad = True
w1 = torch.tensor([-3.0]).double(); w1.requires_grad = True
w2 = torch.tensor([1.0]).double(); w2.requires_grad = True
b = torch.tensor([6.8813735870195432]).double(); b.requires_grad = True
n = x1 * w1 + x2 * w2 + b
o = torch.tanh(n)
print(o.data.item())
o.backward()
print('---')
print('x2', x2.grad.item())
print('w2', w2.grad.item())
print('x1', x1.grad.item())
print('w1', w1.grad.item())
print(o)
print(x1.grad)

a = torch.tensor(-4.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)
c = a + b
d = a * b + b**3
c = c + c + 1
c = c + 1 + c + (-a)
d = d + d * 2 + (b + a).relu()
d = d + 3 * d + (b - a).relu()
e = c - d
f = e**2
g = f / 2.0
g = g + 10.0 / f
print(f'{g.data.item():.4f}')
g.backward()
print(f'{a.grad.item():.4f}')
print(f'{b.grad.item():.4f}')
"""

KARPATHY_MLP = """
import torch
import torch.nn.functional as F

g = torch.Generator().manual_seed(2147483647)
n_embd, block_size, vocab = 4, 3, 7
C = torch.randn((vocab, n_embd), generator=g)
W1 = torch.randn((n_embd * block_size, 16), generator=g) * (5/3) / ((n_embd * block_size) ** 0.5)
b1 = torch.randn(16, generator=g) * 0.01
W2 = torch.randn((16, vocab), generator=g) * 0.01
b2 = torch.randn(vocab, generator=g) * 0
bngain = torch.ones((1, 16))
bnbias = torch.zeros((1, 16))
parameters = [C, W1, b1, W2, b2, bngain, bnbias]
print(sum(p.nelement() for p in parameters))
for p in parameters:
    p.requires_grad = True
Xb = torch.randint(0, vocab, (32, block_size), generator=g)
Yb = torch.randint(0, vocab, (32,), generator=g)
for step in range(30):
    emb = C[Xb]
    embcat = emb.view(emb.shape[0], -1)
    hprebn = embcat @ W1 + b1
    bnmeani = 1/32 * hprebn.sum(0, keepdim=True)
    bndiff = hprebn - bnmeani
    bndiff2 = bndiff**2
    bnvar = 1/(32-1) * (bndiff2).sum(0, keepdim=True)
    bnvar_inv = (bnvar + 1e-5)**-0.5
    bnraw = bndiff * bnvar_inv
    hpreact = bngain * bnraw + bnbias
    h = torch.tanh(hpreact)
    logits = h @ W2 + b2
    logit_maxes = logits.max(1, keepdim=True).values
    norm_logits = logits - logit_maxes
    counts = norm_logits.exp()
    counts_sum = counts.sum(1, keepdims=True)
    counts_sum_inv = counts_sum**-1
    probs = counts * counts_sum_inv
    logprobs = probs.log()
    loss = -logprobs[range(32), Yb].mean()
    for p in parameters:
        p.grad = None
    for t in [logprobs, probs, counts, counts_sum, counts_sum_inv, norm_logits, logit_maxes, logits, h,
              hpreact, bnraw, bnvar_inv, bnvar, bndiff2, bndiff, hprebn, bnmeani, embcat, emb]:
        t.retain_grad()
    loss.backward()
    if step == 0:
        dlogprobs = torch.zeros_like(logprobs)
        dlogprobs[range(32), Yb] = -1.0/32
        dprobs = (1.0 / probs) * dlogprobs
        print('logprobs', torch.all(dlogprobs == logprobs.grad).item())
        print('probs', torch.allclose(dprobs, probs.grad))
        dlogits = F.softmax(logits, 1)
        dlogits[range(32), Yb] -= 1
        dlogits /= 32
        diff = (dlogits - logits.grad).abs().max().item()
        print('logits', torch.allclose(dlogits, logits.grad), diff < 1e-6)
        print(F.cross_entropy(logits, Yb).item(), loss.item())
    for p in parameters:
        p.data += -0.1 * p.grad
    if step % 10 == 0:
        print(f'{step:7d}: {loss.item():.4f}')
"""

TENSOR_PRINTING = """
import torch

torch.manual_seed(3)
print(torch.tensor([1, 2, 3]))
print(torch.tensor([1.5, 2.25, -3.0]))
print(torch.tensor([[1e-8, 1.0], [1e8, 3.0]]))
print(torch.tensor([1e-5, 2e-5]))
print(torch.tensor(3.14159, requires_grad=True))
print(torch.tensor([True, False]))
print(torch.zeros(2, 3, dtype=torch.float64))
print(torch.arange(12).reshape(3, 4))
print(torch.randn(2, 2, requires_grad=True) * 2)
print(torch.tensor([float('nan'), float('inf'), -float('inf'), 1.0]))
print(torch.empty(0))
print(torch.ones(2, 2, dtype=torch.int32))
print(torch.tensor([0.1, 0.2], dtype=torch.float16))
x = torch.linspace(0, 1, 1500)
print(x)
torch.set_printoptions(precision=2)
print(torch.tensor([1.23456, 2.34567]))
torch.set_printoptions(profile="default")
print(torch.tensor([1.23456, 2.34567]))
print(repr(torch.tensor([[1., 2.], [3., 4.]]).T))
print(str(torch.tensor(2.0)), torch.tensor(2.0).item(), torch.tensor([1, 2]).tolist())
print(torch.tensor([1., 2.]).shape, torch.tensor([1., 2.]).dtype, torch.tensor([1., 2.]).size(0))
"""

CUSTOM_FUNCTION_EXP = """
import torch
from torch.autograd import Function

class Exp(Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        return grad_output * result

x = torch.tensor([0.5, 1.0, -1.0], requires_grad=True)
y = Exp.apply(x)
print(y)
print(y.grad_fn.__class__.__name__)
y.sum().backward()
print(x.grad)
print(torch.allclose(x.grad, x.exp()))

class LinearFunction(Function):
    @staticmethod
    def forward(input, weight, bias):
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    def setup_context(ctx, inputs, output):
        input, weight, bias = inputs
        ctx.save_for_backward(input, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        return grad_input, grad_weight, grad_bias

torch.manual_seed(0)
inp = torch.randn(4, 3, dtype=torch.double, requires_grad=True)
weight = torch.randn(2, 3, dtype=torch.double, requires_grad=True)
bias = torch.randn(2, dtype=torch.double, requires_grad=True)
out = LinearFunction.apply(inp, weight, bias)
print(out)
out.sum().backward()
print(weight.grad, bias.grad)
from torch.autograd import gradcheck
print(gradcheck(LinearFunction.apply, (inp, weight, bias), eps=1e-6, atol=1e-4))
print(gradcheck(LinearFunction.apply, (inp, weight, None)))

class MulConstant(Function):
    @staticmethod
    def forward(tensor, constant):
        return tensor * constant

    @staticmethod
    def setup_context(ctx, inputs, output):
        tensor, constant = inputs
        ctx.constant = constant

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.constant, None

a = torch.ones(3, requires_grad=True)
MulConstant.apply(a, 5.0).sum().backward()
print(a.grad)
"""

CUSTOM_FUNCTION_FLAGS = """
import torch
from torch.autograd import Function
from torch.autograd.function import once_differentiable

class Sort(Function):
    @staticmethod
    def forward(ctx, x):
        values, idx = x.sort()
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(x, idx)
        return values, idx

    @staticmethod
    @once_differentiable
    def backward(ctx, g1, g2):
        x, idx = ctx.saved_tensors
        grad_input = torch.zeros(x.shape, dtype=x.dtype)
        grad_input.index_add_(0, idx, g1)
        return grad_input

x = torch.tensor([3., 1., 2.], requires_grad=True)
v, i = Sort.apply(x)
print(v, i, v.requires_grad, i.requires_grad)
(v * torch.tensor([1., 10., 100.])).sum().backward()
print(x.grad)

class AddOneInplace(Function):
    @staticmethod
    def forward(ctx, x):
        x.add_(1)
        ctx.mark_dirty(x)
        return x

    @staticmethod
    def backward(ctx, grad):
        return grad

a = torch.tensor([1., 2.], requires_grad=True)
b = a.clone()
c = AddOneInplace.apply(b)
print(c is b, c, b.grad_fn.__class__.__name__)
(c * c).sum().backward()
print(a.grad)

class NoMaterialize(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        return x.clone(), x.clone()

    @staticmethod
    def backward(ctx, g1, g2):
        print("grads are None:", g1 is None, g2 is None)
        out = torch.zeros(3)
        if g1 is not None:
            out = out + g1
        if g2 is not None:
            out = out + 2 * g2
        return out

y = torch.ones(3, requires_grad=True)
p, q = NoMaterialize.apply(y)
p.sum().backward()
print(y.grad)

class Materialize(Function):
    @staticmethod
    def forward(ctx, x):
        return x.clone(), x.clone()

    @staticmethod
    def backward(ctx, g1, g2):
        print("materialized:", g2)
        return g1 + g2

y = torch.ones(3, requires_grad=True)
p, q = Materialize.apply(y)
p.sum().backward()
print(y.grad)

class OnceDiff(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 2

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return 2 * x * g

z = torch.tensor([1., 2.], requires_grad=True)
out = OnceDiff.apply(z).sum()
gz, = torch.autograd.grad(out, z, create_graph=True)
print(gz, gz.requires_grad)
try:
    gz.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)
"""

DOUBLE_BACKWARD_CUSTOM = """
import torch

class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        result = x ** 3
        dx = 3 * x ** 2
        ctx.save_for_backward(x, dx)
        return result, dx

    @staticmethod
    def backward(ctx, grad_output, grad_dx):
        x, dx = ctx.saved_tensors
        result = grad_output * dx + grad_dx * 6 * x
        return result

def my_cube(x):
    result, dx = Cube.apply(x)
    return result

x = torch.randn(3, 3, requires_grad=True, dtype=torch.double)
print(torch.autograd.gradcheck(my_cube, x))
print(torch.autograd.gradgradcheck(my_cube, x))

class MyExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        result = torch.exp(x)
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_out):
        result, = ctx.saved_tensors
        return grad_out * result

x = torch.tensor([1.0, 0.0], requires_grad=True)
y = MyExp.apply(x)
g, = torch.autograd.grad(y.sum(), x, create_graph=True)
gg, = torch.autograd.grad(g.sum(), x)
print(g, gg)

class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 2

    @staticmethod
    def backward(ctx, grad_out):
        x, = ctx.saved_tensors
        return grad_out * 2 * x

x = torch.tensor([3.0], requires_grad=True, dtype=torch.double)
print(torch.autograd.gradcheck(Square.apply, x), torch.autograd.gradgradcheck(Square.apply, x))
y = Square.apply(x)
g, = torch.autograd.grad(y, x, create_graph=True)
print(g, g.grad_fn)
g.backward()
print(x.grad)

class SaveIntermediate(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        out = x.sinh()
        ctx.save_for_backward(x)
        return out

    @staticmethod
    def backward(ctx, grad_out):
        x, = ctx.saved_tensors
        return grad_out * x.cosh()

x = torch.tensor([0.5, -0.25], dtype=torch.double, requires_grad=True)
print(torch.autograd.gradcheck(SaveIntermediate.apply, x))
print(torch.autograd.gradgradcheck(SaveIntermediate.apply, x))
"""

TENSOR_HOOKS = """
import torch

a = torch.tensor([1., 2., 3.], requires_grad=True)
b = a * 2
def double_grad(grad):
    print("hook saw", grad)
    return grad * 2
h = b.register_hook(double_grad)
b.retain_grad()
c = b.sum()
c.backward()
print(a.grad, b.grad)
h.remove()
a.grad = None
b = a * 2
b.sum().backward()
print(a.grad)

x = torch.tensor([1.0, 2.0], requires_grad=True)
x.register_hook(lambda g: print("leaf hook", g))
y = x.pow(2)
y.retain_grad()
y.register_hook(lambda g: g + 1)
y.sum().backward()
print(x.grad, y.grad)

z = torch.ones(2, requires_grad=True)
w = z * 3
print(w.is_leaf, w.retains_grad)
w.retain_grad()
print(w.retains_grad)
w.sum().backward()
print(w.grad)
_ = (z * 4).grad
try:
    z.register_hook(lambda g: g)
    torch.tensor([1.0]).register_hook(lambda g: g)
except RuntimeError as e:
    print(e)

t = torch.tensor([2.0], requires_grad=True)
hook = t.register_post_accumulate_grad_hook(lambda p: print("accumulated", p.grad))
(t * t).backward()
hook.remove()
(t * t).backward()
print(t.grad)
"""

NONLEAF_GRAD_WARNING = """
import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 2
b.sum().backward()
print(b.grad)
print(a.grad)
with torch.no_grad():
    c = a * 2
print(c.requires_grad, c.grad_fn)
try:
    c.backward()
except RuntimeError as e:
    print(e)
try:
    (a * 2).backward()
except RuntimeError as e:
    print(e)
try:
    a.add_(1)
except RuntimeError as e:
    print(e)
d = torch.tensor([1, 2])
try:
    d.requires_grad_()
except RuntimeError as e:
    print(e)
"""

MODULE_BACKWARD_HOOKS = """
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))

def backward_hook(module, grad_input, grad_output):
    print(type(module).__name__, [None if g is None else tuple(g.shape) for g in grad_input],
          [tuple(g.shape) for g in grad_output])

def pre_hook(module, grad_output):
    print("pre", type(module).__name__, grad_output[0].shape)

handles = [m.register_full_backward_hook(backward_hook) for m in model]
handles.append(model[2].register_full_backward_pre_hook(pre_hook))
x = torch.randn(5, 3, requires_grad=True)
out = model(x)
out.sum().backward()
print(x.grad)
for h in handles:
    h.remove()

activations = {}
def forward_hook(name):
    def hook(module, inp, out):
        activations[name] = out.detach()
    return hook
model[0].register_forward_hook(forward_hook("fc1"))
model(torch.ones(1, 3))
print(activations["fc1"])

def scale_grad(module, grad_input, grad_output):
    return (grad_input[0] * 0,)
lin = nn.Linear(2, 2)
lin.register_full_backward_hook(scale_grad)
inp = torch.ones(1, 2, requires_grad=True)
lin(inp).sum().backward()
print(inp.grad, lin.weight.grad)
"""

GRAD_MODES = """
import torch

x = torch.tensor([1.0], requires_grad=True)
with torch.no_grad():
    y = x * 2
print(y.requires_grad)

@torch.no_grad()
def doubler(x):
    return x * 2
z = doubler(x)
print(z.requires_grad)

@torch.enable_grad()
def tripler(x):
    return x * 3
with torch.no_grad():
    z = tripler(x)
print(z.requires_grad)

print(torch.is_grad_enabled())
torch.set_grad_enabled(False)
print((x * 2).requires_grad, torch.is_grad_enabled())
torch.set_grad_enabled(True)
print((x * 2).requires_grad)
is_train = False
with torch.set_grad_enabled(is_train):
    y = x * 2
print(y.requires_grad)

@torch.set_grad_enabled(False)
def f(t):
    return t * 5
print(f(x).requires_grad)

with torch.inference_mode():
    y = x * 2
print(y.requires_grad, y.is_inference(), x.is_inference())

@torch.inference_mode()
def infer(t):
    return t + 1
r = infer(x)
print(r.is_inference(), torch.is_inference_mode_enabled())
try:
    (r * x).sum().backward()
except RuntimeError as e:
    print(e)
with torch.inference_mode(mode=False):
    print((x * 2).requires_grad)
try:
    r.add_(1)
except RuntimeError as e:
    print(e)

@torch.no_grad
def bare(t):
    return t * 2
print(bare(x).requires_grad)

def gen():
    for i in range(2):
        yield x * i
g = torch.no_grad()(gen)
print([t.requires_grad for t in g()])
"""

HIGHER_ORDER = """
import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
dy_dx, = torch.autograd.grad(y, x, create_graph=True)
print(dy_dx)
d2y_dx2, = torch.autograd.grad(dy_dx, x, create_graph=True)
print(d2y_dx2)
d3y_dx3, = torch.autograd.grad(d2y_dx2, x)
print(d3y_dx3)

x = torch.linspace(-2, 2, 5, requires_grad=True)
y = torch.sin(x)
grads = []
g = y
for i in range(4):
    g, = torch.autograd.grad(g.sum(), x, create_graph=True)
    grads.append(g)
for g in grads:
    print(g)

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
out = (a * b ** 2).sum()
ga, gb = torch.autograd.grad(out, [a, b], create_graph=True)
print(ga, gb)
gg = torch.autograd.grad(gb.sum(), [a, b], allow_unused=True)
print(gg)
try:
    torch.autograd.grad((a * 2).sum(), [a, b])
except RuntimeError as e:
    print(e)
print(torch.autograd.grad((a * 2).sum(), [a, b], allow_unused=True, materialize_grads=True))
out = (a ** 2).sum()
out.backward(create_graph=True)
print(a.grad, a.grad.requires_grad)
"""

GRADIENT_PENALTY = """
import torch
import torch.nn as nn

torch.manual_seed(0)
critic = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))
real = torch.randn(6, 2)
fake = torch.randn(6, 2)
alpha = torch.rand(6, 1)
interp = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
scores = critic(interp)
grads = torch.autograd.grad(outputs=scores, inputs=interp, grad_outputs=torch.ones_like(scores),
                            create_graph=True, retain_graph=True)[0]
print(grads.shape)
gp = ((grads.norm(2, dim=1) - 1) ** 2).mean()
print(gp)
opt = torch.optim.Adam(critic.parameters(), lr=1e-3, betas=(0.5, 0.9))
for step in range(5):
    opt.zero_grad()
    scores = critic(interp)
    g, = torch.autograd.grad(scores.sum(), interp, create_graph=True)
    loss = critic(fake).mean() - critic(real).mean() + 10 * ((g.norm(2, dim=1) - 1) ** 2).mean()
    loss.backward()
    opt.step()
    print(step, loss.item())

x = torch.randn(4, 3, requires_grad=True)
model = nn.Linear(3, 1)
y = model(x)
grad_x, = torch.autograd.grad(y.sum(), x, create_graph=True)
penalty = grad_x.pow(2).sum()
penalty.backward()
print(model.weight.grad)
"""

FUNCTIONAL_JACOBIAN_HESSIAN = """
import torch
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp, vhp

def exp_reducer(x):
    return x.exp().sum(dim=1)

torch.manual_seed(0)
inputs = torch.rand(2, 2)
print(jacobian(exp_reducer, inputs))
print(jacobian(exp_reducer, inputs, create_graph=True))

def exp_adder(x, y):
    return 2 * x.exp() + 3 * y
inputs = (torch.rand(2), torch.rand(2))
print(jacobian(exp_adder, inputs))
print(jacobian(exp_adder, inputs, vectorize=True))

def pow_reducer(x):
    return x.pow(3).sum()
inputs = torch.rand(2, 2)
print(hessian(pow_reducer, inputs))

def pow_adder_reducer(x, y):
    return (2 * x.pow(2) + 3 * y.pow(2)).sum()
inputs = (torch.rand(2), torch.rand(2))
print(hessian(pow_adder_reducer, inputs))

def exp_reducer2(x):
    return x.exp().sum(dim=1)
inputs = torch.rand(4, 4)
v = torch.ones(4)
print(vjp(exp_reducer2, inputs, v))
print(vjp(exp_reducer2, inputs, v, create_graph=True))

def adder(x, y):
    return 2 * x + 3 * y
inputs = (torch.rand(2), torch.rand(2))
v = torch.ones(2)
print(vjp(adder, inputs, v))

inputs = torch.rand(4, 4)
v = torch.ones(4, 4)
print(jvp(exp_reducer2, inputs, v))
print(jvp(adder, (torch.rand(2), torch.rand(2)), (torch.ones(2), torch.ones(2))))

def pow_reducer2(x):
    return x.pow(3).sum()
inputs = torch.rand(2, 2)
v = torch.ones(2, 2)
print(vhp(pow_reducer2, inputs, v))
print(hvp(pow_reducer2, inputs, v))
print(hvp(pow_adder_reducer, (torch.rand(2), torch.rand(2)), (torch.zeros(2), torch.ones(2))))
"""

FORWARD_AD = """
import torch
import torch.autograd.forward_ad as fwAD

primal = torch.randn(10, 10, generator=torch.Generator().manual_seed(0))
tangent = torch.randn(10, 10, generator=torch.Generator().manual_seed(1))

def fn(x, y):
    return x ** 2 + y ** 2

with fwAD.dual_level():
    dual_input = fwAD.make_dual(primal, tangent)
    print(fwAD.unpack_dual(dual_input).tangent is tangent)
    plain_tensor = torch.randn(10, 10, generator=torch.Generator().manual_seed(2))
    dual_output = fn(dual_input, plain_tensor)
    jvp = fwAD.unpack_dual(dual_output).tangent
    print(jvp[0, :4])
    print(torch.allclose(jvp, 2 * primal * tangent))
    primal_out, tangent_out = fwAD.unpack_dual(dual_output)
    print(primal_out.shape, tangent_out.shape)
print(fwAD.unpack_dual(dual_output).tangent)

x = torch.tensor([0.5, 1.0, 2.0])
with fwAD.dual_level():
    d = fwAD.make_dual(x, torch.ones(3))
    out = torch.sin(d) * torch.exp(d) + d.log()
    print(fwAD.unpack_dual(out).tangent)
    out2 = torch.tanh(d).sum()
    print(fwAD.unpack_dual(out2))
    m = torch.nn.functional.softmax(d, dim=0)
    print(fwAD.unpack_dual(m).tangent)

import torch.nn as nn
torch.manual_seed(0)
model = nn.Linear(5, 5)
input = torch.randn(16, 5)
params = {name: p for name, p in model.named_parameters()}
tangents = {name: torch.rand_like(p) for name, p in params.items()}
with fwAD.dual_level():
    for name, p in params.items():
        delattr(model, name)
        setattr(model, name, fwAD.make_dual(p, tangents[name]))
    out = model(input)
    jvp = fwAD.unpack_dual(out).tangent
print(jvp[:2])
"""

AUTOGRAD_MECHANICS = """
import torch

x = torch.randn(5, requires_grad=True)
y = x.pow(2)
print(x.equal(y.grad_fn._saved_self))
print(x is y.grad_fn._saved_self)
y = x.exp()
print(y.equal(y.grad_fn._saved_result))
print(y is y.grad_fn._saved_result)

x = torch.ones(5, requires_grad=True)
y = torch.zeros(5)
z = torch.zeros(5)
a = x + y
print(a.requires_grad)
b = y + z
print(b.requires_grad)

a = torch.tensor([1., 2., 3.], requires_grad=True)
b = a.sigmoid()
c = b * 2
b.mul_(3)
try:
    c.sum().backward()
except RuntimeError as e:
    print(str(e)[:200])
a = torch.tensor([1., 2., 3.], requires_grad=True)
out = a.sigmoid()
out.add_(1)
try:
    out.sum().backward()
except RuntimeError as e:
    print(str(e)[:200])

x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
print(y._version)
y.add_(1)
print(y._version, y.grad_fn)
y[0] = 10
print(y._version, y.grad_fn)
y.sum().backward()
print(x.grad)

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a.detach()
b.zero_()
print(a, b)
x = torch.randn(3, requires_grad=True)
print(x.grad_fn, (x * 1).grad_fn.name(), x.sum().grad_fn.next_functions[0][0])
"""

SAVED_TENSOR_HOOKS = """
import torch

def pack_hook(x):
    print("Packing", x)
    return x

def unpack_hook(x):
    print("Unpacking", x)
    return x

a = torch.ones(5, requires_grad=True)
b = torch.ones(5, requires_grad=True) * 2
with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    y = a * b
y.sum().backward()

storage = []
def pack(x):
    storage.append(x)
    return len(storage) - 1
def unpack(i):
    return storage[i]
x = torch.randn(3, requires_grad=True, generator=torch.Generator().manual_seed(0))
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    y = x.pow(2)
print(y.grad_fn._saved_self, len(storage))
y.sum().backward()
print(x.grad)

with torch.autograd.graph.save_on_cpu():
    z = (x * x).sum()
z.backward()
print(x.grad)

class SelfDeletingTempFile:
    def __init__(self, t):
        self.t = t.clone()
with torch.autograd.graph.saved_tensors_hooks(SelfDeletingTempFile, lambda f: f.t):
    w = x.exp()
print(w.grad_fn._saved_result)
"""

VARIABLE_AND_DATA = """
import torch
from torch.autograd import Variable

x = Variable(torch.ones(2, 2), requires_grad=True)
print(x)
y = x + 2
print(y)
print(y.grad_fn)
z = y * y * 3
out = z.mean()
print(z, out)
out.backward()
print(x.grad)

a = torch.randn(2, 2, generator=torch.Generator().manual_seed(0))
a = ((a * 3) / (a - 1))
print(a.requires_grad)
a.requires_grad_(True)
print(a.requires_grad)
b = (a * a).sum()
print(b.grad_fn)

x = torch.randn(3, requires_grad=True, generator=torch.Generator().manual_seed(1))
y = x * 2
while y.data.norm() < 1000:
    y = y * 2
print(y)
v = torch.tensor([0.1, 1.0, 0.0001], dtype=torch.float)
y.backward(v)
print(x.grad)
print(x.requires_grad)
print((x ** 2).requires_grad)
with torch.no_grad():
    print((x ** 2).requires_grad)
print(x.requires_grad)
y = x.detach()
print(y.requires_grad)
print(x.eq(y).all())
print(x.data is x, x.data.requires_grad, x.detach().is_leaf)
"""

NEWTON_METHOD = """
import torch

def f(x):
    return x ** 3 - 2 * x - 5

x = torch.tensor([2.0], dtype=torch.float64, requires_grad=True)
for i in range(6):
    y = f(x)
    grad, = torch.autograd.grad(y, x)
    with torch.no_grad():
        x -= y / grad
    print(i, x.item(), y.item())

def rosenbrock(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2

p = torch.tensor([-1.5, 2.0], dtype=torch.float64, requires_grad=True)
for it in range(8):
    loss = rosenbrock(p)
    g, = torch.autograd.grad(loss, p, create_graph=True)
    H = torch.stack([torch.autograd.grad(g[i], p, retain_graph=True)[0] for i in range(2)])
    with torch.no_grad():
        p -= torch.linalg.inv(H) @ g
    print(it, p.detach(), loss.item())
print(torch.autograd.functional.hessian(rosenbrock, p.detach()))
"""

OPTIM_ROSENBROCK = """
import torch

torch.manual_seed(0)
xy = torch.tensor([-1.0, 1.0], requires_grad=True)
opt = torch.optim.SGD([xy], lr=1e-3, momentum=0.9)
for step in range(200):
    opt.zero_grad()
    loss = (1 - xy[0]) ** 2 + 100 * (xy[1] - xy[0] ** 2) ** 2
    loss.backward()
    opt.step()
    if step % 50 == 0:
        print(step, loss.item(), xy.tolist())
print(xy)

w = torch.randn(3, requires_grad=True)
opt = torch.optim.Adam([w], lr=0.1)
target = torch.tensor([1.0, -2.0, 0.5])
def closure():
    opt.zero_grad()
    loss = ((w - target) ** 2).sum()
    loss.backward()
    return loss
for i in range(50):
    loss = opt.step(closure)
print(loss, w)
print(opt.state_dict()['param_groups'])
lbfgs_w = torch.zeros(3, requires_grad=True)
"""

JACOBIAN_BY_HAND = """
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.stack([x[0] * x[1], x[1] ** 2, torch.sin(x[2])])
J = torch.zeros(3, 3)
for i in range(3):
    grad_out = torch.zeros(3)
    grad_out[i] = 1
    g, = torch.autograd.grad(y, x, grad_out, retain_graph=True)
    J[i] = g
print(J)
print(torch.autograd.functional.jacobian(lambda t: torch.stack([t[0] * t[1], t[1] ** 2, torch.sin(t[2])]), x))

I = torch.eye(3)
rows = torch.autograd.grad(y, x, I, is_grads_batched=True)
print(rows)

x = torch.randn(2, 3, requires_grad=True, generator=torch.Generator().manual_seed(0))
out = x.softmax(dim=1)
v = torch.ones_like(out)
v[:, 0] = 2
out.backward(v)
print(x.grad)
"""

BACKWARD_ORDER_AND_RETAIN = """
import torch

x = torch.tensor(1.0, requires_grad=True)
y = x * 2
z = y ** 2
z.backward(retain_graph=True)
print(x.grad)
z.backward()
print(x.grad)
try:
    z.backward()
except RuntimeError as e:
    print(e)

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a.exp()
c = b.sum()
d = (b * 2).sum()
torch.autograd.backward([c, d], retain_graph=True)
print(a.grad)
a.grad = None
torch.autograd.backward([c * 1, d * 1], [torch.tensor(1.0), torch.tensor(0.5)], retain_graph=True)
print(a.grad)
print(torch.autograd.grad([c, d], a))
try:
    torch.autograd.grad(torch.ones(2, requires_grad=True) * 2, a)
except RuntimeError as e:
    print(e)
try:
    (a * 2).backward()
except RuntimeError as e:
    print(e)
try:
    a.grad = torch.ones(3)
except RuntimeError as e:
    print(e)
"""

DETACH_AND_STOP_GRADIENT = """
import torch

torch.manual_seed(0)
x = torch.randn(4, requires_grad=True)
y = x ** 2
z = y.detach() * x
z.sum().backward()
print(torch.allclose(x.grad, x.detach() ** 2), x.grad)

x.grad = None
y = x.sigmoid()
straight_through = (y > 0.5).float() - y.detach() + y
straight_through.sum().backward()
print(x.grad)

target = torch.randn(4)
pred = torch.randn(4, requires_grad=True)
loss = torch.nn.functional.mse_loss(pred, target.detach())
loss.backward()
print(loss, pred.grad)

a = torch.ones(3, requires_grad=True)
b = a.detach_() if False else a.clone().detach_()
print(b.requires_grad, b.is_leaf)
w = torch.ones(2, requires_grad=True)
w2 = w.clone()
w2.requires_grad_(False) if not w2.requires_grad else None
print(w2.requires_grad, w2.grad_fn)
try:
    w2.requires_grad_(False)
except RuntimeError as e:
    print(e)
"""

AUTOGRAD_ANOMALY = """
import torch
import warnings

class MyFunc(torch.autograd.Function):
    @staticmethod
    def forward(ctx, inp):
        return inp.clone()

    @staticmethod
    def backward(ctx, gO):
        raise RuntimeError("Some error in backward")

def run_fn(a):
    out = MyFunc.apply(a)
    return out.sum()

inp = torch.rand(10, 10, requires_grad=True)
out = run_fn(inp)
try:
    out.backward()
except RuntimeError as e:
    print(e)
print(torch.is_anomaly_enabled())
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    with torch.autograd.detect_anomaly(check_nan=True):
        print(torch.is_anomaly_enabled())
        x = torch.tensor([0.0], requires_grad=True)
        try:
            (x / x).sum().backward()
        except RuntimeError as e:
            print(str(e).splitlines()[0])
for w in caught:  # the first line: the rest is a traceback of this process
    print(w.category.__name__, str(w.message).splitlines()[0])
print(torch.is_anomaly_enabled())
"""

CHECKPOINT = """
import torch
from torch.utils.checkpoint import checkpoint

torch.manual_seed(0)
lin1 = torch.nn.Linear(4, 4)
lin2 = torch.nn.Linear(4, 2)
def block(x):
    return torch.relu(lin1(x))
x = torch.randn(3, 4, requires_grad=True)
h = checkpoint(block, x, use_reentrant=False)
out = lin2(h).sum()
out.backward()
print(x.grad)
print(lin1.weight.grad)
"""

PARAMETER_AND_MODULE_AUTOGRAD = """
import torch
from torch import nn

torch.manual_seed(0)
p = nn.Parameter(torch.randn(2, 2))
print(p)
print(p.is_leaf, p.requires_grad, p.grad)
q = nn.Parameter(torch.ones(2), requires_grad=False)
print(q)

class Affine(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.tensor([2.0, -1.0]))
        self.b = nn.Parameter(torch.tensor(0.5))
        self.register_buffer("scale", torch.tensor(3.0))

    def forward(self, x):
        return (x * self.w).sum(-1) * self.scale + self.b

m = Affine()
print(m)
print(list(m.named_parameters()))
print(dict(m.named_buffers()))
out = m(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
print(out)
out.sum().backward()
print(m.w.grad, m.b.grad, m.scale.grad)
m.zero_grad()
print(m.w.grad)
m.requires_grad_(False)
print([p.requires_grad for p in m.parameters()])
print(m.state_dict())
"""

SOFTMAX_CROSS_ENTROPY_BY_HAND = """
import torch
import torch.nn.functional as F

torch.manual_seed(1)
logits = torch.randn(4, 5, requires_grad=True)
target = torch.tensor([1, 0, 4, 2])
loss = F.cross_entropy(logits, target)
loss.backward()
manual = F.softmax(logits.detach(), dim=1)
manual[torch.arange(4), target] -= 1
manual /= 4
print(loss)
print(torch.allclose(manual, logits.grad, atol=1e-6))
print(logits.grad)

x = torch.randn(3, 4, requires_grad=True)
y = torch.log_softmax(x, dim=-1)
print(y.grad_fn, y.exp().sum(-1))
nll = F.nll_loss(y, torch.tensor([0, 1, 3]))
print(nll, nll.grad_fn)
nll.backward()
print(x.grad.sum(1))
probs = torch.softmax(torch.tensor([1.0, 2.0, 3.0]), dim=0)
print(probs, probs.sum())
print(torch.multinomial(probs, 5, replacement=True, generator=torch.Generator().manual_seed(0)))
"""

DUAL_NUMBERS_VS_REVERSE = """
import torch
import torch.autograd.forward_ad as fwAD

def f(x):
    return torch.sin(x) * x ** 2 + torch.exp(-x)

x = torch.tensor([0.3, 1.2, -0.7], dtype=torch.float64)
with fwAD.dual_level():
    dual = fwAD.make_dual(x, torch.ones_like(x))
    out = f(dual)
    forward_grad = fwAD.unpack_dual(out).tangent
xr = x.clone().requires_grad_(True)
f(xr).sum().backward()
print(forward_grad)
print(xr.grad)
print(torch.allclose(forward_grad, xr.grad))
J = torch.autograd.functional.jacobian(f, x)
print(J.diagonal())
print(torch.autograd.functional.jacobian(f, x, strategy="forward-mode", vectorize=True).diagonal())

class MySquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        ctx.x = x
        return x ** 2

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return 2 * x * g

    @staticmethod
    def jvp(ctx, x_t):
        return 2 * ctx.x * x_t

with fwAD.dual_level():
    d = fwAD.make_dual(torch.tensor([3.0]), torch.tensor([1.0]))
    print(fwAD.unpack_dual(MySquare.apply(d)).tangent)
"""
NONDIFFERENTIABLE_POINTS = """
import torch

x = torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)
for name, fn in [("relu", torch.relu), ("abs", torch.abs), ("sqrt", torch.sqrt), ("sign", torch.sign),
                 ("clamp", lambda t: t.clamp(0, 1)), ("floor", torch.floor), ("round", torch.round),
                 ("hardtanh", torch.nn.functional.hardtanh), ("leaky", torch.nn.functional.leaky_relu),
                 ("elu", torch.nn.functional.elu), ("where", lambda t: torch.where(t > 0, t, t * 0))]:
    x.grad = None
    fn(x).sum().backward()
    print(name, x.grad)
y = torch.tensor([1.0, 3.0, 3.0, 2.0], requires_grad=True)
y.max().backward()
print("max", y.grad)
y.grad = None
y.amax().backward()
print("amax", y.grad)
y.grad = None
torch.max(y, dim=0).values.backward()
print("max dim", y.grad)
z = torch.zeros(3, requires_grad=True)
z.norm().backward()
print("norm at 0", z.grad)
z.grad = None
torch.linalg.vector_norm(z, ord=1).backward()
print("l1 at 0", z.grad)
w = torch.tensor([0.0, 4.0], requires_grad=True)
w.sqrt().sum().backward()
print(w.grad)
m = torch.tensor([[1.0, 5.0], [5.0, 2.0]], requires_grad=True)
m.median().backward()
print(m.grad)
s = torch.tensor([0.0, 1.0], requires_grad=True)
(s ** 0.5).sum().backward()
print(s.grad)
t = torch.tensor([0.0, 1.0], requires_grad=True)
(t * torch.log(t)).sum().backward()
print(t.grad)
u = torch.tensor([0.0, 1.0], requires_grad=True)
torch.xlogy(u, u).sum().backward()
print(u.grad)
"""

GRAD_FN_GRAPH = """
import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
c = (a * b).sum() + a.exp().mean()
print(c.grad_fn.name())
def walk(fn, depth=0):
    stack = [(fn, 0)]
    while stack:
        node, d = stack.pop()
        print("  " * d + type(node).__name__)
        for nxt, _ in reversed(node.next_functions):
            if nxt is not None:
                stack.append((nxt, d + 1))
walk(c.grad_fn)
print(c.grad_fn.next_functions[0][0].next_functions)
acc = c.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[0][0]
print(acc, acc.variable is a)
print(c.grad_fn.metadata)
h1 = c.grad_fn.register_hook(lambda gi, go: print("node hook", gi, go))
h2 = c.grad_fn.register_prehook(lambda go: print("pre hook", go))
c.backward()
print(a.grad, b.grad)
m = a * 2
print(m.grad_fn._saved_other, m.grad_fn._saved_self)
p = a.pow(3)
print(p.grad_fn._saved_exponent, p.grad_fn._saved_self)
s = a.sum(0, keepdim=True)
print(s.grad_fn._saved_dim, s.grad_fn._saved_keepdim, s.grad_fn._saved_self_sym_sizes)
v = a.view(2, 1)
print(v.grad_fn, v._base is a, v.is_leaf)
print(torch.autograd.graph.Node, isinstance(c.grad_fn, torch.autograd.graph.Node))
"""

GRADCHECK_FAILURES = """
import torch
from torch.autograd import gradcheck, Function

class BadExp(Function):
    @staticmethod
    def forward(ctx, x):
        y = x.exp()
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, g):
        y, = ctx.saved_tensors
        return g * y * 1.1

x = torch.randn(3, dtype=torch.double, requires_grad=True, generator=torch.Generator().manual_seed(0))
print(gradcheck(BadExp.apply, (x,), raise_exception=False))
try:
    gradcheck(BadExp.apply, (x,))
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
xf = torch.randn(3, requires_grad=True)
import warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    try:
        print(gradcheck(torch.sin, (xf,), raise_exception=False))
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])
    for item in w:
        print(item.category.__name__, str(item.message).splitlines()[0])
print(gradcheck(torch.sin, (x,), fast_mode=True))
print(torch.autograd.gradgradcheck(torch.tanh, (x,)))
"""

REGISTER_MULTI_GRAD_HOOK = """
import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0], requires_grad=True)
def hook(grads):
    print("all grads:", [g if g is None else g.tolist() for g in grads])
h = torch.autograd.graph.register_multi_grad_hook((a, b), hook)
(a.sum() * b).sum().backward()
(a * 2).sum().backward()
h.remove()
(a * 2).sum().backward()
print(a.grad, b.grad)

with torch.autograd.graph.disable_saved_tensors_hooks("no hooks here"):
    try:
        with torch.autograd.graph.saved_tensors_hooks(lambda x: x, lambda x: x):
            pass
    except RuntimeError as e:
        print(e)
"""

BLITZ_TENSORS = """
import numpy as np
import torch

data = [[1, 2], [3, 4]]
x_data = torch.tensor(data)
np_array = np.array(data)
x_np = torch.from_numpy(np_array)
print(x_data, x_np)
x_ones = torch.ones_like(x_data)
print(f"Ones Tensor: \\n {x_ones} \\n")
torch.manual_seed(0)
x_rand = torch.rand_like(x_data, dtype=torch.float)
print(f"Random Tensor: \\n {x_rand} \\n")
shape = (2, 3,)
print(torch.rand(shape), torch.ones(shape), torch.zeros(shape))
tensor = torch.rand(3, 4)
print(f"Shape of tensor: {tensor.shape}")
print(f"Datatype of tensor: {tensor.dtype}")
print(f"Device tensor is stored on: {tensor.device}")
tensor = torch.ones(4, 4)
print(f"First row: {tensor[0]}")
print(f"First column: {tensor[:, 0]}")
print(f"Last column: {tensor[..., -1]}")
tensor[:, 1] = 0
print(tensor)
t1 = torch.cat([tensor, tensor, tensor], dim=1)
print(t1)
y1 = tensor @ tensor.T
y2 = tensor.matmul(tensor.T)
y3 = torch.rand_like(y1)
torch.matmul(tensor, tensor.T, out=y3)
z1 = tensor * tensor
z2 = tensor.mul(tensor)
z3 = torch.rand_like(tensor)
torch.mul(tensor, tensor, out=z3)
print(y3, z3)
agg = tensor.sum()
agg_item = agg.item()
print(agg_item, type(agg_item))
print(f"{tensor} \\n")
tensor.add_(5)
print(tensor)
t = torch.ones(5)
print(f"t: {t}")
n = t.numpy()
print(f"n: {n}")
t.add_(1)
print(f"t: {t}")
print(f"n: {n}")
n = np.ones(5)
t = torch.from_numpy(n)
np.add(n, 1, out=n)
print(f"t: {t}")
print(f"n: {n}")
print(torch.is_tensor(t), torch.numel(t), t.dim(), t.ndim, t.T.shape)
print(type(t), type(t.sum()), type(t.sum().item()), type(t.tolist()))
print(torch.tensor([[1., 2.]], requires_grad=True).detach().numpy())
try:
    torch.tensor([1., 2.], requires_grad=True).numpy()
except RuntimeError as e:
    print(e)
"""

LOGISTIC_REGRESSION_SCRATCH = """
import torch

torch.manual_seed(7)
n = 200
X = torch.cat([torch.randn(n // 2, 2) + 2, torch.randn(n // 2, 2) - 2])
y = torch.cat([torch.ones(n // 2), torch.zeros(n // 2)])
w = torch.zeros(2, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
def model(X):
    return torch.sigmoid(X @ w + b)
for epoch in range(100):
    p = model(X)
    loss = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
    loss.backward()
    with torch.no_grad():
        w.sub_(0.5 * w.grad)
        b.sub_(0.5 * b.grad)
    w.grad.zero_()
    b.grad.zero_()
    if epoch % 25 == 0:
        acc = ((p > 0.5).float() == y).float().mean()
        print(f"epoch {epoch}: loss={loss:.4f} acc={acc:.3f}")
print(w, b)
print(torch.nn.functional.binary_cross_entropy(model(X), y))
"""

SOFTMAX_REGRESSION_SCRATCH = """
import torch

torch.manual_seed(0)
num_inputs, num_outputs = 20, 4
W = torch.normal(0, 0.01, size=(num_inputs, num_outputs), requires_grad=True)
b = torch.zeros(num_outputs, requires_grad=True)
def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    return X_exp / partition
def net(X):
    return softmax(torch.matmul(X.reshape((-1, W.shape[0])), W) + b)
def cross_entropy(y_hat, y):
    return -torch.log(y_hat[range(len(y_hat)), y])
def accuracy(y_hat, y):
    if len(y_hat.shape) > 1 and y_hat.shape[1] > 1:
        y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.type(y.dtype) == y
    return float(cmp.type(y.dtype).sum())
def sgd(params, lr, batch_size):
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size
            param.grad.zero_()
X = torch.randn(64, num_inputs)
true_W = torch.randn(num_inputs, num_outputs)
y = (X @ true_W).argmax(1)
X_prob = softmax(torch.normal(0, 1, (2, 5)))
print(X_prob, X_prob.sum(1))
y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
print(y_hat[[0, 1], [0, 2]], cross_entropy(y_hat, torch.tensor([0, 2])))
for epoch in range(20):
    for i in range(0, 64, 16):
        l = cross_entropy(net(X[i:i+16]), y[i:i+16])
        l.sum().backward()
        sgd([W, b], 0.1, 16)
    if epoch % 5 == 4:
        with torch.no_grad():
            print(epoch + 1, float(cross_entropy(net(X), y).mean()), accuracy(net(X), y) / len(y))
"""

MLP_SCRATCH_D2L = """
import torch
from torch import nn

torch.manual_seed(0)
num_inputs, num_outputs, num_hiddens = 8, 3, 16
W1 = nn.Parameter(torch.randn(num_inputs, num_hiddens) * 0.01)
b1 = nn.Parameter(torch.zeros(num_hiddens))
W2 = nn.Parameter(torch.randn(num_hiddens, num_outputs) * 0.01)
b2 = nn.Parameter(torch.zeros(num_outputs))
params = [W1, b1, W2, b2]
def relu(X):
    a = torch.zeros_like(X)
    return torch.max(X, a)
def net(X):
    H = relu(X @ W1 + b1)
    return H @ W2 + b2
loss = nn.CrossEntropyLoss(reduction='none')
updater = torch.optim.SGD(params, lr=0.5)
X = torch.randn(32, num_inputs)
y = torch.randint(0, num_outputs, (32,))
for epoch in range(10):
    updater.zero_grad()
    l = loss(net(X), y)
    l.mean().backward()
    updater.step()
    print(epoch, l.mean().item())
print(relu(torch.tensor([-1.0, 0.5])))

def dropout_layer(X, dropout):
    assert 0 <= dropout <= 1
    if dropout == 1:
        return torch.zeros_like(X)
    mask = (torch.rand(X.shape) > dropout).float()
    return mask * X / (1.0 - dropout)
X = torch.arange(16, dtype=torch.float32).reshape((2, 8))
print(dropout_layer(X, 0.))
print(dropout_layer(X, 0.5))
print(dropout_layer(X, 1.))
def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, std=0.01)
net2 = nn.Sequential(nn.Flatten(), nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3))
net2.apply(init_weights)
print(net2[1].weight.std() < 0.02, net2)
"""

WEIGHT_DECAY_SCRATCH = """
import torch

torch.manual_seed(1)
n_train, num_inputs = 20, 50
true_w, true_b = torch.ones((num_inputs, 1)) * 0.01, 0.05
X = torch.randn(n_train, num_inputs)
y = X @ true_w + true_b + torch.normal(0, 0.01, (n_train, 1))
def init_params():
    w = torch.normal(0, 1, size=(num_inputs, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    return [w, b]
def l2_penalty(w):
    return torch.sum(w.pow(2)) / 2
def train(lambd):
    w, b = init_params()
    for epoch in range(50):
        l = ((X @ w + b - y) ** 2 / 2) + lambd * l2_penalty(w)
        l.sum().backward()
        with torch.no_grad():
            for p in [w, b]:
                p -= 0.003 * p.grad / n_train
                p.grad.zero_()
    print('L2 norm of w:', torch.norm(w).item())
train(lambd=0)
train(lambd=3)
"""

AUTOGRAD_CONTROL_FLOW = """
import torch

def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c

torch.manual_seed(0)
a = torch.randn(size=(), requires_grad=True)
d = f(a)
d.backward()
print(a.grad == d / a)
x = torch.arange(4.0)
print(x)
x.requires_grad_(True)
print(x.grad)
y = 2 * torch.dot(x, x)
print(y)
y.backward()
print(x.grad)
print(x.grad == 4 * x)
x.grad.zero_()
y = x.sum()
y.backward()
print(x.grad)
x.grad.zero_()
y = x * x
y.backward(gradient=torch.ones(len(y)))
print(x.grad)
x.grad.zero_()
y = x * x
u = y.detach()
z = u * x
z.sum().backward()
print(x.grad == u)
x.grad.zero_()
y.sum().backward()
print(x.grad == 2 * x)
"""
HAND_WRITTEN_OPTIMIZERS = """
import torch

torch.manual_seed(0)
w_true = torch.tensor([1.5, -2.0, 0.5])
X = torch.randn(64, 3)
y = X @ w_true + 0.05 * torch.randn(64)

def loss_fn(w):
    return ((X @ w - y) ** 2).mean()

class MyAdam:
    def __init__(self, params, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
        self.params = list(params)
        self.lr, self.betas, self.eps = lr, betas, eps
        self.state = [dict(step=0, m=torch.zeros_like(p), v=torch.zeros_like(p)) for p in self.params]

    @torch.no_grad()
    def step(self):
        b1, b2 = self.betas
        for p, s in zip(self.params, self.state):
            s["step"] += 1
            s["m"].mul_(b1).add_(p.grad, alpha=1 - b1)
            s["v"].mul_(b2).addcmul_(p.grad, p.grad, value=1 - b2)
            bias1 = 1 - b1 ** s["step"]
            bias2 = 1 - b2 ** s["step"]
            denom = (s["v"].sqrt() / bias2 ** 0.5).add_(self.eps)
            p.addcdiv_(s["m"], denom, value=-self.lr / bias1)

    def zero_grad(self):
        for p in self.params:
            p.grad = None

w1 = torch.zeros(3, requires_grad=True)
w2 = torch.zeros(3, requires_grad=True)
mine = MyAdam([w1], lr=0.05)
ref = torch.optim.Adam([w2], lr=0.05)
for step in range(40):
    for w, opt in ((w1, mine), (w2, ref)):
        opt.zero_grad()
        loss_fn(w).backward()
        opt.step()
    if step % 10 == 9:
        print(step, loss_fn(w1).item(), torch.allclose(w1, w2, atol=1e-6))
print(w1)

v = torch.zeros(3, requires_grad=True)
buf = torch.zeros(3)
for step in range(20):
    v.grad = None
    loss_fn(v).backward()
    with torch.no_grad():
        buf.mul_(0.9).add_(v.grad)
        v.sub_(0.05 * buf)
print(loss_fn(v).item(), v._version)

p = torch.ones(2, requires_grad=True)
try:
    p.addcmul_(torch.ones(2), torch.ones(2))
except RuntimeError as e:
    print(e)
"""

NUMERICS = """
import torch

eps = torch.finfo(torch.float32).eps
print(eps, torch.finfo(torch.float32))
print(torch.finfo(torch.float64).tiny, torch.iinfo(torch.int32).max, torch.finfo().dtype)
x = torch.tensor([1000.0, 1000.0 + 1e-3])
print(torch.logsumexp(x, 0), torch.log(torch.exp(x).sum()))
p = torch.tensor([0.0, 0.25, 0.75], requires_grad=True)
entropy = -torch.xlogy(p, p).sum()
entropy.backward()
print(entropy, p.grad)
q = torch.tensor([0.0, 0.5, 0.5])
r = torch.tensor([0.1, 0.4, 0.5])
kl = (torch.xlogy(q, q) - torch.xlogy(q, r)).sum()
print(kl)
z = torch.linspace(-30, 30, 7, requires_grad=True)
s = torch.nn.functional.softplus(z)
s.sum().backward()
print(s, z.grad)
clipped = torch.clamp(torch.tensor([1e-12, 0.5, 1.0]), min=eps, max=1 - eps)
print(clipped, torch.log(clipped))
print(torch.nn.functional.relu6(torch.linspace(-2, 8, 6)))
print(torch.nn.Hardtanh(-2.0, 2.0)(torch.linspace(-3, 3, 7)))
a = torch.tensor([1e-8, 1.0], dtype=torch.float64)
print(a, a.float(), a.half())
torch.set_printoptions(precision=10)
print(torch.tensor([1 / 3], dtype=torch.float64))
torch.set_printoptions(sci_mode=False)
print(torch.tensor([1e-6, 1.0]))
torch.set_printoptions(profile="default")
print(torch.tensor([1e-6, 1.0]))
"""

LINEAR_LAYER_BY_HAND = """
import torch
import torch.nn as nn

torch.manual_seed(0)
layer = nn.Linear(4, 3)
x = torch.randn(5, 4)
out = layer(x)
manual = x @ layer.weight.T + layer.bias
print(torch.allclose(out, manual))
grad_out = torch.randn(5, 3)
out.backward(grad_out)
print(torch.allclose(layer.weight.grad, grad_out.T @ x), torch.allclose(layer.bias.grad, grad_out.sum(0)))
print(type(layer.weight), type(layer.weight.data), layer.weight.grad_fn)
W = layer.weight.detach().clone().requires_grad_(True)
b = layer.bias.detach().clone().requires_grad_(True)
y = torch.addmm(b, x, W.t())
y.backward(grad_out)
print(torch.allclose(W.grad, layer.weight.grad), y.grad_fn)
print(layer.weight.grad.norm(), torch.linalg.norm(layer.weight.grad), layer.weight.grad.norm(p=1))
torch.nn.utils.clip_grad_norm_(layer.parameters(), max_norm=0.5)
print(torch.cat([p.grad.flatten() for p in layer.parameters()]).norm())
torch.nn.utils.clip_grad_value_(layer.parameters(), 0.1)
print(layer.bias.grad)
vec = torch.nn.utils.parameters_to_vector(layer.parameters())
print(vec.shape, vec.requires_grad, vec.grad_fn)
"""

INPLACE_AND_VIEWS = """
import torch

base = torch.zeros(2, 3, requires_grad=False)
leaf = torch.ones(3, requires_grad=True)
base[0] = leaf * 2
base[1].copy_(leaf.exp())
print(base, base.grad_fn)
base.sum().backward()
print(leaf.grad)
x = torch.arange(6.0, requires_grad=True)
y = x.view(2, 3)
z = y.t()
print(z.is_contiguous(), z._base is x, y._base is x)
w = x.clone()
v = w[1:4]
v.mul_(10)
print(w, w.grad_fn, v.grad_fn)
w.sum().backward()
print(x.grad)
a = torch.ones(3, requires_grad=True)
b = a * 1
c = b.unsqueeze(0).transpose(0, 1)
print(c.shape, c.grad_fn)
b.add_(1)
try:
    print(c)
except RuntimeError as e:
    print(e)
q = torch.randn(3, requires_grad=True, generator=torch.Generator().manual_seed(0))
with torch.no_grad():
    q[0] = 0.0
print(q, q.is_leaf, q._version)
"""

PROGRAMS = {
    "gentle_intro": GENTLE_INTRO,
    "automatic_differentiation": AUTOMATIC_DIFFERENTIATION,
    "linear_regression_by_hand": LINEAR_REGRESSION_BY_HAND,
    "micrograd_style": MICROGRAD_STYLE,
    "karpathy_mlp": KARPATHY_MLP,
    "tensor_printing": TENSOR_PRINTING,
    "custom_function_exp": CUSTOM_FUNCTION_EXP,
    "custom_function_flags": CUSTOM_FUNCTION_FLAGS,
    "double_backward_custom": DOUBLE_BACKWARD_CUSTOM,
    "tensor_hooks": TENSOR_HOOKS,
    "nonleaf_grad_warning": NONLEAF_GRAD_WARNING,
    "module_backward_hooks": MODULE_BACKWARD_HOOKS,
    "grad_modes": GRAD_MODES,
    "higher_order": HIGHER_ORDER,
    "gradient_penalty": GRADIENT_PENALTY,
    "functional_jacobian_hessian": FUNCTIONAL_JACOBIAN_HESSIAN,
    "forward_ad": FORWARD_AD,
    "autograd_mechanics": AUTOGRAD_MECHANICS,
    "saved_tensor_hooks": SAVED_TENSOR_HOOKS,
    "variable_and_data": VARIABLE_AND_DATA,
    "newton_method": NEWTON_METHOD,
    "optim_rosenbrock": OPTIM_ROSENBROCK,
    "jacobian_by_hand": JACOBIAN_BY_HAND,
    "backward_order_and_retain": BACKWARD_ORDER_AND_RETAIN,
    "detach_and_stop_gradient": DETACH_AND_STOP_GRADIENT,
    "autograd_anomaly": AUTOGRAD_ANOMALY,
    "checkpoint": CHECKPOINT,
    "parameter_and_module_autograd": PARAMETER_AND_MODULE_AUTOGRAD,
    "softmax_cross_entropy_by_hand": SOFTMAX_CROSS_ENTROPY_BY_HAND,
    "dual_numbers_vs_reverse": DUAL_NUMBERS_VS_REVERSE,
    "nondifferentiable_points": NONDIFFERENTIABLE_POINTS,
    "grad_fn_graph": GRAD_FN_GRAPH,
    "gradcheck_failures": GRADCHECK_FAILURES,
    "register_multi_grad_hook": REGISTER_MULTI_GRAD_HOOK,
    "blitz_tensors": BLITZ_TENSORS,
    "logistic_regression_scratch": LOGISTIC_REGRESSION_SCRATCH,
    "softmax_regression_scratch": SOFTMAX_REGRESSION_SCRATCH,
    "mlp_scratch_d2l": MLP_SCRATCH_D2L,
    "weight_decay_scratch": WEIGHT_DECAY_SCRATCH,
    "autograd_control_flow": AUTOGRAD_CONTROL_FLOW,
    "hand_written_optimizers": HAND_WRITTEN_OPTIMIZERS,
    "numerics": NUMERICS,
    "linear_layer_by_hand": LINEAR_LAYER_BY_HAND,
    "inplace_and_views": INPLACE_AND_VIEWS,
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_autograd_tutorial_program_prints_what_torch_prints(name):
    output = assert_program_runs_alike(PROGRAMS[name])
    assert output.strip(), "the program printed nothing"
