"""Tutorial-style programs (our own, in the manner of the 60-minute blitz, "learning PyTorch with examples",
"what is torch.nn really?" on synthetic data, makemore and the usual training loops) run with `torch` bound
to torch and to minigrad: the printed output and warnings must agree (numbers within float tolerance)."""

import pytest
from _programs import assert_program_runs_alike

BLITZ_AUTOGRAD = """
import torch
from torch import nn, optim

a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3 * a**3 - b**2
Q.backward(gradient=torch.tensor([1., 1.]))
print(9 * a**2 == a.grad)
print(-2 * b == b.grad)

torch.manual_seed(0)
x = torch.rand(5, 5)
y = torch.rand(5, 5)
z = torch.rand((5, 5), requires_grad=True)
print(f"Does `a` require gradients?: {(x + y).requires_grad}")
print(f"Does `b` require gradients?: {(x + z).requires_grad}")

model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 4))
for param in model.parameters():
    param.requires_grad = False
model[2] = nn.Linear(16, 10)  # the new head is the only part that trains
optimizer = optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
data = torch.rand(1, 8)
labels = torch.rand(1, 10)
prediction = model(data)
loss = (prediction - labels).sum()
loss.backward()
optimizer.step()
print([p.grad is None for p in model.parameters()])
print(model[2].weight.grad.shape, model[0].weight.requires_grad)
print(prediction)
print(loss)
"""

BLITZ_NETWORK = """
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

torch.manual_seed(1)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(32 * 32, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)

net = Net()
print(net)
params = list(net.parameters())
print(len(params))
print(params[0].size())
input = torch.randn(1, 1, 32, 32)
out = net(input)
print(out)
net.zero_grad()
out.backward(torch.randn(1, 10))
output = net(input)
target = torch.randn(10).view(1, -1)
criterion = nn.MSELoss()
loss = criterion(output, target)
print(loss)
print(loss.grad_fn)
print(loss.grad_fn.next_functions[0][0])
print(loss.grad_fn.next_functions[0][0].next_functions[0][0])
net.zero_grad()
print('fc1.bias.grad before backward')
print(net.fc1.bias.grad)
loss.backward()
print('fc1.bias.grad after backward')
print(net.fc1.bias.grad[:6])
learning_rate = 0.01
for f in net.parameters():
    f.data.sub_(f.grad.data * learning_rate)
optimizer = optim.SGD(net.parameters(), lr=0.01)
for _ in range(5):
    optimizer.zero_grad()
    output = net(input)
    loss = criterion(output, target)
    loss.backward()
    optimizer.step()
    print(loss.item())
"""

POLYNOMIAL_MANUAL = """
import math
import torch

dtype = torch.float
device = torch.device("cpu")
torch.manual_seed(0)
x = torch.linspace(-math.pi, math.pi, 2000, device=device, dtype=dtype)
y = torch.sin(x)
a = torch.randn((), device=device, dtype=dtype)
b = torch.randn((), device=device, dtype=dtype)
c = torch.randn((), device=device, dtype=dtype)
d = torch.randn((), device=device, dtype=dtype)
learning_rate = 1e-6
for t in range(300):
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - y).pow(2).sum().item()
    if t % 100 == 99:
        print(t, loss)
    grad_y_pred = 2.0 * (y_pred - y)
    grad_a = grad_y_pred.sum()
    grad_b = (grad_y_pred * x).sum()
    grad_c = (grad_y_pred * x ** 2).sum()
    grad_d = (grad_y_pred * x ** 3).sum()
    a -= learning_rate * grad_a
    b -= learning_rate * grad_b
    c -= learning_rate * grad_c
    d -= learning_rate * grad_d
print(f'Result: y = {a.item()} + {b.item()} x + {c.item()} x^2 + {d.item()} x^3')
"""

POLYNOMIAL_AUTOGRAD = """
import math
import torch

torch.manual_seed(0)
x = torch.linspace(-math.pi, math.pi, 2000)
y = torch.sin(x)
a = torch.randn((), requires_grad=True)
b = torch.randn((), requires_grad=True)
c = torch.randn((), requires_grad=True)
d = torch.randn((), requires_grad=True)
learning_rate = 1e-6
for t in range(300):
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - y).pow(2).sum()
    if t % 100 == 99:
        print(t, loss.item())
    loss.backward()
    with torch.no_grad():
        a -= learning_rate * a.grad
        b -= learning_rate * b.grad
        c -= learning_rate * c.grad
        d -= learning_rate * d.grad
        a.grad = None
        b.grad = None
        c.grad = None
        d.grad = None
print(f'Result: y = {a.item()} + {b.item()} x + {c.item()} x^2 + {d.item()} x^3')
print(a._version, a.is_leaf, a.grad)
"""

LEGENDRE_FUNCTION = """
import math
import torch

class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input ** 3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        return grad_output * 1.5 * (5 * input ** 2 - 1)

torch.manual_seed(0)
x = torch.linspace(-math.pi, math.pi, 2000)
y = torch.sin(x)
a = torch.full((), 0.0, requires_grad=True)
b = torch.full((), -1.0, requires_grad=True)
c = torch.full((), 0.0, requires_grad=True)
d = torch.full((), 0.3, requires_grad=True)
learning_rate = 5e-6
for t in range(300):
    P3 = LegendrePolynomial3.apply
    y_pred = a + b * P3(c + d * x)
    loss = (y_pred - y).pow(2).sum()
    if t % 100 == 99:
        print(t, loss.item())
    loss.backward()
    with torch.no_grad():
        for p in (a, b, c, d):
            p -= learning_rate * p.grad
            p.grad = None
print(y_pred.grad_fn, y_pred.grad_fn.next_functions[1][0].next_functions)
print(f'Result: y = {a.item()} + {b.item()} * P3({c.item()} + {d.item()} x)')
"""

POLYNOMIAL_NN = """
import math
import torch

torch.manual_seed(0)
x = torch.linspace(-math.pi, math.pi, 2000)
y = torch.sin(x)
p = torch.tensor([1, 2, 3])
xx = x.unsqueeze(-1).pow(p)
model = torch.nn.Sequential(
    torch.nn.Linear(3, 1),
    torch.nn.Flatten(0, 1)
)
print(model)
loss_fn = torch.nn.MSELoss(reduction='sum')
learning_rate = 1e-6
for t in range(300):
    y_pred = model(xx)
    loss = loss_fn(y_pred, y)
    if t % 100 == 99:
        print(t, loss.item())
    model.zero_grad()
    loss.backward()
    with torch.no_grad():
        for param in model.parameters():
            param -= learning_rate * param.grad
linear_layer = model[0]
print(f'Result: y = {linear_layer.bias.item()} + {linear_layer.weight[:, 0].item()} x + '
      f'{linear_layer.weight[:, 1].item()} x^2 + {linear_layer.weight[:, 2].item()} x^3')
"""

POLYNOMIAL_OPTIM = """
import math
import torch

torch.manual_seed(0)
x = torch.linspace(-math.pi, math.pi, 2000)
y = torch.sin(x)
p = torch.tensor([1, 2, 3])
xx = x.unsqueeze(-1).pow(p)
model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
loss_fn = torch.nn.MSELoss(reduction='sum')
learning_rate = 1e-3
optimizer = torch.optim.RMSprop(model.parameters(), lr=learning_rate)
print(optimizer)
for t in range(300):
    y_pred = model(xx)
    loss = loss_fn(y_pred, y)
    if t % 100 == 99:
        print(t, loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
linear_layer = model[0]
print(f'Result: y = {linear_layer.bias.item()} + {linear_layer.weight[:, 0].item()} x + '
      f'{linear_layer.weight[:, 1].item()} x^2 + {linear_layer.weight[:, 2].item()} x^3')
print(sorted(optimizer.state_dict()['state'][0].keys()), optimizer.state_dict()['state'][0]['step'])
"""

CUSTOM_MODULES = """
import math
import random
import torch

class Polynomial3(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = torch.nn.Parameter(torch.randn(()))
        self.b = torch.nn.Parameter(torch.randn(()))
        self.c = torch.nn.Parameter(torch.randn(()))
        self.d = torch.nn.Parameter(torch.randn(()))

    def forward(self, x):
        return self.a + self.b * x + self.c * x ** 2 + self.d * x ** 3

    def string(self):
        return f'y = {self.a.item()} + {self.b.item()} x + {self.c.item()} x^2 + {self.d.item()} x^3'

class DynamicNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = torch.nn.Parameter(torch.randn(()))
        self.b = torch.nn.Parameter(torch.randn(()))
        self.c = torch.nn.Parameter(torch.randn(()))
        self.d = torch.nn.Parameter(torch.randn(()))
        self.e = torch.nn.Parameter(torch.randn(()))

    def forward(self, x):
        y = self.a + self.b * x + self.c * x ** 2 + self.d * x ** 3
        for exp in range(4, random.randint(4, 6)):
            y = y + self.e * x ** exp
        return y

torch.manual_seed(0)
random.seed(0)
x = torch.linspace(-math.pi, math.pi, 2000)
y = torch.sin(x)
model = Polynomial3()
print(model, list(model.named_parameters())[0])
criterion = torch.nn.MSELoss(reduction='sum')
optimizer = torch.optim.SGD(model.parameters(), lr=1e-6)
for t in range(200):
    loss = criterion(model(x), y)
    if t % 100 == 99:
        print(t, loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(f'Result: {model.string()}')
model = DynamicNet()
optimizer = torch.optim.SGD(model.parameters(), lr=1e-8, momentum=0.9)
for t in range(300):
    loss = criterion(model(x), y)
    if t % 100 == 99:
        print(t, loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(model.e.grad, model.e._version)
"""

CLASSIFIER_LOOP = """
import copy
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.optim.lr_scheduler import StepLR

torch.manual_seed(42)
n = 120
X = torch.randn(n, 4)
w = torch.randn(4, 3)
Y = (X @ w).argmax(dim=1)
perm = torch.randperm(n)
train_idx, test_idx = perm[:90], perm[90:]

class MLP(nn.Module):
    def __init__(self, hidden=16):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(4, hidden), nn.ReLU(), nn.Dropout(0.1), nn.Linear(hidden, 3))
    def forward(self, x):
        return self.layers(x)

model = MLP()
print(model)
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
optimizer = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=1e-4)
scheduler = StepLR(optimizer, step_size=10, gamma=0.5)
loss_fn = nn.CrossEntropyLoss(label_smoothing=0.05)
best = None
for epoch in range(30):
    model.train()
    order = train_idx[torch.randperm(len(train_idx))]
    total = 0.0
    for start in range(0, len(order), 32):
        batch = order[start:start + 32]
        optimizer.zero_grad()
        loss = loss_fn(model(X[batch]), Y[batch])
        loss.backward()
        optimizer.step()
        total += loss.item() * len(batch)
    scheduler.step()
    model.eval()
    with torch.no_grad():
        logits = model(X[test_idx])
        accuracy = (logits.argmax(1) == Y[test_idx]).float().mean().item()
    if epoch % 5 == 4:
        print(f"epoch {epoch}: loss {total / len(order):.4f} acc {accuracy:.3f} lr {scheduler.get_last_lr()}")
    if best is None or accuracy >= best[0]:
        best = (accuracy, copy.deepcopy(model.state_dict()))
restored = MLP()
print(restored.load_state_dict(best[1]))
restored.eval()
with torch.no_grad():
    print(F.softmax(restored(X[:3]), dim=1))
print(optimizer.state_dict()['param_groups'][0]['lr'], len(optimizer.state_dict()['state']))
"""

HOOKS_AND_FREEZING = """
import torch
import torch.nn as nn

torch.manual_seed(3)
model = nn.Sequential(nn.Linear(5, 7), nn.Tanh(), nn.Linear(7, 2))
activations = {}

def save_activation(name):
    def hook(module, inputs, output):
        activations[name] = output.detach()
    return hook

for name, module in model.named_children():
    module.register_forward_hook(save_activation(name))
handle = model[2].register_full_backward_hook(
    lambda m, grad_input, grad_output: print('backward', m, [tuple(g.shape) for g in grad_output]))
model[0].register_forward_pre_hook(lambda m, args: print('pre', type(m).__name__, args[0].shape))
x = torch.randn(3, 5)
out = model(x)
print(sorted(activations), activations['1'].shape)
out.pow(2).mean().backward()
handle.remove()
print(model[0].weight.grad.abs().sum() > 0)
model[0].requires_grad_(False)
optimizer = torch.optim.SGD([
    {'params': model[2].parameters(), 'lr': 0.1},
    {'params': model[0].parameters()},
], lr=0.01, momentum=0.5)
print(optimizer)
model.zero_grad()
out = model(x)
out.sum().backward()
print(model[0].weight.grad, model[2].bias.grad)
before = model[0].weight.clone()
optimizer.step()
print(torch.equal(before, model[0].weight), model[2].weight._version, model[0].weight._version)
print([len(g['params']) for g in optimizer.param_groups])
"""

MAKEMORE = """
import torch
import torch.nn.functional as F

words = ['emma', 'olivia', 'ava', 'isabella', 'sophia', 'charlotte', 'mia', 'amelia', 'harper', 'evelyn']
chars = sorted(list(set(''.join(words))))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi['.'] = 0
itos = {i: s for s, i in stoi.items()}
V = len(stoi)
N = torch.zeros((V, V), dtype=torch.int32)
for w in words:
    chs = ['.'] + list(w) + ['.']
    for ch1, ch2 in zip(chs, chs[1:]):
        N[stoi[ch1], stoi[ch2]] += 1
P = (N + 1).float()
P /= P.sum(1, keepdims=True)
g = torch.Generator().manual_seed(2147483647)
for i in range(5):
    out = []
    ix = 0
    while True:
        p = P[ix]
        ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
        out.append(itos[ix])
        if ix == 0:
            break
    print(''.join(out))
xs, ys = [], []
for w in words:
    chs = ['.'] + list(w) + ['.']
    for ch1, ch2 in zip(chs, chs[1:]):
        xs.append(stoi[ch1])
        ys.append(stoi[ch2])
xs = torch.tensor(xs)
ys = torch.tensor(ys)
W = torch.randn((V, V), generator=g, requires_grad=True)
for k in range(30):
    xenc = F.one_hot(xs, num_classes=V).float()
    logits = xenc @ W
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdims=True)
    loss = -probs[torch.arange(len(ys)), ys].log().mean() + 0.01 * (W ** 2).mean()
    W.grad = None
    loss.backward()
    W.data += -10 * W.grad
    if k % 10 == 0:
        print(k, loss.item())
C = torch.randn((V, 2), generator=g)
W1 = torch.randn((6, 20), generator=g) * 0.2
b1 = torch.randn(20, generator=g) * 0.01
W2 = torch.randn((20, V), generator=g) * 0.1
b2 = torch.zeros(V)
parameters = [C, W1, b1, W2, b2]
for p in parameters:
    p.requires_grad = True
X = torch.randint(0, V, (200, 3), generator=g)
Y = torch.randint(0, V, (200,), generator=g)
for i in range(50):
    ix = torch.randint(0, X.shape[0], (32,), generator=g)
    emb = C[X[ix]]
    h = torch.tanh(emb.view(-1, 6) @ W1 + b1)
    logits = h @ W2 + b2
    loss = F.cross_entropy(logits, Y[ix])
    for p in parameters:
        p.grad = None
    loss.backward()
    lr = 0.1 if i < 25 else 0.01
    for p in parameters:
        p.data += -lr * p.grad
    if i % 10 == 0:
        print(i, f'{loss.item():.4f}')
print(sum(p.nelement() for p in parameters))
"""

RANDOM_AND_INIT = """
import torch
import torch.nn as nn

torch.manual_seed(0)
layer = nn.Linear(6, 4)
nn.init.xavier_uniform_(layer.weight)
nn.init.zeros_(layer.bias)
print(layer.weight, layer.bias)
conv_like = torch.empty(8, 3, 3, 3)
nn.init.kaiming_normal_(conv_like, mode='fan_out', nonlinearity='relu')
print(conv_like[0, 0])
print(nn.init.calculate_gain('tanh'), nn.init.calculate_gain('leaky_relu', 0.2))

def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.normal_(m.weight, mean=0.0, std=0.02)
        nn.init.constant_(m.bias, 0.1)

net = nn.Sequential(nn.Linear(3, 3), nn.ReLU(), nn.Linear(3, 1))
net.apply(init_weights)
print(net[0].weight, net[2].bias)
print(torch.randint(0, 10, (2, 5)), torch.randperm(8))
print(torch.normal(torch.zeros(3), torch.ones(3) * 2), torch.normal(0.0, 1.0, size=(2, 2)))
print(torch.bernoulli(torch.full((2, 4), 0.5)), torch.rand(3).uniform_(-1, 1))
print(torch.empty(2, 3).normal_(mean=5, std=0.1), torch.randn_like(torch.ones(2, 2)))
g = torch.Generator().manual_seed(123)
print(torch.rand(2, generator=g), torch.randn(2, generator=g), torch.randint(5, (3,), generator=g))
state = torch.get_rng_state()
first = torch.rand(2)
torch.set_rng_state(state)
print(torch.equal(first, torch.rand(2)))
"""


DATA_LOADING = """
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split

torch.manual_seed(0)
X = torch.randn(50, 3)
y = (X.sum(1) > 0).long()
dataset = TensorDataset(X, y)
train, val = random_split(dataset, [0.8, 0.2])
print(len(train), len(val), train.indices[:5], val.indices)
loader = DataLoader(train, batch_size=16, shuffle=True)
model = torch.nn.Linear(3, 2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(3):
    for xb, yb in loader:
        loss = torch.nn.functional.cross_entropy(model(xb), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(epoch, xb.shape, yb[:4], round(loss.item(), 4))
ordered = DataLoader(dataset, batch_size=20, drop_last=True)
print(len(ordered), [b[0].shape for b in ordered])
g = torch.Generator().manual_seed(7)
print(next(iter(DataLoader(dataset, batch_size=4, shuffle=True, generator=g)))[1])
print(next(iter(DataLoader([(1, 2.0), (3, 4.0)], batch_size=2))))
print(torch.rand(2))
"""

WHAT_IS_NN_REALLY = """
import math
import torch
import torch.nn.functional as F
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
x_train = torch.rand(256, 784)
y_train = torch.randint(0, 10, (256,))
x_valid, y_valid = torch.rand(64, 784), torch.randint(0, 10, (64,))
n, c = x_train.shape
print(x_train, y_train)
print(x_train.shape, y_train.min(), y_train.max())
weights = torch.randn(784, 10) / math.sqrt(784)
weights.requires_grad_()
bias = torch.zeros(10, requires_grad=True)

def log_softmax(x):
    return x - x.exp().sum(-1).log().unsqueeze(-1)

def model(xb):
    return log_softmax(xb @ weights + bias)

bs = 64
xb = x_train[0:bs]
preds = model(xb)
print(preds[0], preds.shape)

def nll(input, target):
    return -input[range(target.shape[0]), target].mean()

loss_func = nll
yb = y_train[0:bs]
print(loss_func(preds, yb))

def accuracy(out, yb):
    preds = torch.argmax(out, dim=1)
    return (preds == yb).float().mean()

print(accuracy(preds, yb))
lr = 0.5
epochs = 2
for epoch in range(epochs):
    for i in range((n - 1) // bs + 1):
        start_i = i * bs
        end_i = start_i + bs
        xb = x_train[start_i:end_i]
        yb = y_train[start_i:end_i]
        pred = model(xb)
        loss = loss_func(pred, yb)
        loss.backward()
        with torch.no_grad():
            weights -= weights.grad * lr
            bias -= bias.grad * lr
            weights.grad.zero_()
            bias.grad.zero_()
print(loss_func(model(xb), yb), accuracy(model(xb), yb))
loss_func = F.cross_entropy

class Mnist_Logistic(nn.Module):
    def __init__(self):
        super().__init__()
        self.weights = nn.Parameter(torch.randn(784, 10) / math.sqrt(784))
        self.bias = nn.Parameter(torch.zeros(10))

    def forward(self, xb):
        return xb @ self.weights + self.bias

model = Mnist_Logistic()
print(loss_func(model(xb), yb))

def fit():
    for epoch in range(epochs):
        for i in range((n - 1) // bs + 1):
            start_i = i * bs
            end_i = start_i + bs
            xb = x_train[start_i:end_i]
            yb = y_train[start_i:end_i]
            pred = model(xb)
            loss = loss_func(pred, yb)
            loss.backward()
            with torch.no_grad():
                for p in model.parameters():
                    p -= p.grad * lr
                model.zero_grad()

fit()
print(loss_func(model(xb), yb))

class Mnist_Logistic2(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(784, 10)

    def forward(self, xb):
        return self.lin(xb)

def get_model():
    model = Mnist_Logistic2()
    return model, optim.SGD(model.parameters(), lr=lr)

model, opt = get_model()
print(loss_func(model(xb), yb))
train_ds = TensorDataset(x_train, y_train)
train_dl = DataLoader(train_ds, batch_size=bs, shuffle=True)
valid_ds = TensorDataset(x_valid, y_valid)
valid_dl = DataLoader(valid_ds, batch_size=bs * 2)
for epoch in range(epochs):
    model.train()
    for xb, yb in train_dl:
        pred = model(xb)
        loss = loss_func(pred, yb)
        loss.backward()
        opt.step()
        opt.zero_grad()
    model.eval()
    with torch.no_grad():
        valid_loss = sum(loss_func(model(xb), yb) for xb, yb in valid_dl)
    print(epoch, valid_loss / len(valid_dl))

class Lambda(nn.Module):
    def __init__(self, func):
        super().__init__()
        self.func = func

    def forward(self, x):
        return self.func(x)

model = nn.Sequential(Lambda(lambda x: x.view(-1, 784)), nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 10))
print(model)
opt = optim.SGD(model.parameters(), lr=lr, momentum=0.9)
for xb, yb in train_dl:
    loss = loss_func(model(xb), yb)
    loss.backward()
    opt.step()
    opt.zero_grad()
print(loss.item(), len(train_dl))
"""

PROGRAMS = {
    "blitz_autograd": BLITZ_AUTOGRAD,
    "blitz_network": BLITZ_NETWORK,
    "polynomial_manual": POLYNOMIAL_MANUAL,
    "polynomial_autograd": POLYNOMIAL_AUTOGRAD,
    "legendre_function": LEGENDRE_FUNCTION,
    "polynomial_nn": POLYNOMIAL_NN,
    "polynomial_optim": POLYNOMIAL_OPTIM,
    "custom_modules": CUSTOM_MODULES,
    "classifier_loop": CLASSIFIER_LOOP,
    "hooks_and_freezing": HOOKS_AND_FREEZING,
    "makemore": MAKEMORE,
    "random_and_init": RANDOM_AND_INIT,
    "data_loading": DATA_LOADING,
    "what_is_nn_really": WHAT_IS_NN_REALLY,
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_tutorial_program_prints_what_torch_prints(name):
    output = assert_program_runs_alike(PROGRAMS[name])
    assert output.strip(), "the program printed nothing"
