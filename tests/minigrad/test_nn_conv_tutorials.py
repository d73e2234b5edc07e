"""Tutorial-style programs with convolution, pooling, batch and layer normalization, embeddings and binary
cross entropy (our own, in the manner of the 60-minute blitz's CIFAR classifier, a BatchNorm CNN trained then
evaluated, a tiny makemore-style language model, a logistic regression and a small DCGAN
(ConvTranspose2d, BCELoss, Adam)) run with `torch` bound to torch
and to minigrad: the printed output and warnings must agree (numbers within float tolerance)."""

import pytest
from _programs import assert_program_runs_alike

CNN_CLASSIFIER = """
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


net = Net()
print(net)
print(sum(p.numel() for p in net.parameters()))
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
inputs = torch.randn(8, 3, 32, 32)
labels = torch.randint(0, 10, (8,))
for epoch in range(5):
    optimizer.zero_grad()
    outputs = net(inputs)
    loss = criterion(outputs, labels)
    loss.backward()
    optimizer.step()
    print(f"[{epoch + 1}] loss: {loss.item():.4f}")
print(loss.grad_fn)
print(net.conv1.weight.grad.shape, net.conv1.bias.grad[:3])
with torch.no_grad():
    _, predicted = torch.max(net(inputs), 1)
print(predicted)
print((predicted == labels).sum().item())
"""

BATCH_NORM_TRAIN_EVAL = """
import torch
from torch import nn, optim

torch.manual_seed(3)
model = nn.Sequential(
    nn.Conv2d(1, 4, kernel_size=3, padding=1, bias=False),
    nn.BatchNorm2d(4),
    nn.ReLU(),
    nn.AvgPool2d(2),
    nn.Conv2d(4, 8, 3, stride=2, padding=1, bias=False),  # a bias before batch norm has no gradient
    nn.BatchNorm2d(8, momentum=None),
    nn.ELU(),
    nn.AdaptiveAvgPool2d((1, 1)),
    nn.Flatten(),
    nn.Linear(8, 3),
)
print(model)
print([name for name, _ in model.named_buffers()])
optimizer = optim.Adam(model.parameters(), lr=1e-2)
x = torch.randn(6, 1, 8, 8)
y = torch.tensor([0, 1, 2, 0, 1, 2])
loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
for step in range(4):
    model.train()
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    print(step, round(loss.item(), 5))
bn = model[1]
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
print(model[5].running_mean[:3], model[5].num_batches_tracked)
model.eval()
with torch.no_grad():
    out = model(x)
print(out)
print(bn.num_batches_tracked, bn.training)
state = model.state_dict()
print(list(state.keys()))
print(state["1.running_var"])
clone = nn.Sequential(
    nn.Conv2d(1, 4, kernel_size=3, padding=1, bias=False),
    nn.BatchNorm2d(4),
    nn.ReLU(),
    nn.AvgPool2d(2),
    nn.Conv2d(4, 8, 3, stride=2, padding=1, bias=False),
    nn.BatchNorm2d(8, momentum=None),
    nn.ELU(),
    nn.AdaptiveAvgPool2d((1, 1)),
    nn.Flatten(),
    nn.Linear(8, 3),
)
print(clone.load_state_dict(state))
clone.eval()
print(((clone(x) - out).abs().max() < 1e-6).item())
bn1d = nn.BatchNorm1d(3, affine=False, track_running_stats=False)
print(bn1d, list(bn1d.parameters()), bn1d.running_mean)
print(bn1d(torch.randn(5, 3)).mean(0).abs().max() < 1e-6)
try:
    nn.BatchNorm2d(3)(torch.randn(2, 3))
except ValueError as e:
    print("ValueError:", e)
try:
    nn.BatchNorm1d(3)(torch.randn(1, 3))
except ValueError as e:
    print("ValueError:", e)
"""

EMBEDDING_LAYER_NORM_LM = """
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(42)
vocab, dim, context = 12, 8, 3


class TinyLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.tok = nn.Embedding(vocab, dim, padding_idx=0)
        self.pos = nn.Embedding(context, dim)
        self.norm = nn.LayerNorm(dim)
        self.proj = nn.Sequential(nn.Linear(dim, 16), nn.GELU(), nn.Dropout(0.1), nn.Linear(16, vocab))

    def forward(self, idx):
        x = self.tok(idx) + self.pos(torch.arange(idx.shape[1]))
        return self.proj(self.norm(x))


model = TinyLM()
print(model)
print(model.tok.weight[0], model.tok.weight[1])
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.01)
data = torch.randint(0, vocab, (16, context + 1))
xb, yb = data[:, :-1], data[:, 1:]
for step in range(30):
    logits = model(xb)
    loss = F.cross_entropy(logits.view(-1, vocab), yb.reshape(-1))
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    if step % 10 == 0:
        print(step, f"{loss.item():.5f}")
print(model.tok.weight.grad[0])
print(model.norm.weight[:4], model.norm.bias[:4])
model.eval()
with torch.no_grad():
    probs = F.softmax(model(xb[:2]), dim=-1)
print(probs[0, 0])
pre = nn.Embedding.from_pretrained(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
print(pre, pre.weight.requires_grad, pre(torch.tensor([1, 0, 1])))
ln = nn.LayerNorm([2, 3], elementwise_affine=False)
print(ln, ln(torch.arange(12.0).reshape(2, 2, 3)))
"""

LOGISTIC_REGRESSION_BCE = """
import torch
from torch import nn

torch.manual_seed(7)
x = torch.randn(64, 2)
y = ((x[:, 0] + 0.5 * x[:, 1]) > 0).float().unsqueeze(1)
model = nn.Sequential(nn.Linear(2, 8), nn.Softplus(), nn.Linear(8, 1))
loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([2.0]))
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(50):
    logits = model(x)
    loss = loss_fn(logits, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if epoch % 10 == 9:
        print(f"epoch {epoch + 1}: {loss.item():.6f}")
probs = torch.sigmoid(model(x))
print(nn.BCELoss()(probs, y), loss.grad_fn)
print(((probs > 0.5).float() == y).float().mean())
"""

DCGAN = """
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(999)
nz, ngf, ndf, nc = 8, 4, 4, 1


def weights_init(m):
    classname = m.__class__.__name__
    if classname.find("Conv") != -1:
        nn.init.normal_(m.weight.data, 0.0, 0.02)
    elif classname.find("BatchNorm") != -1:
        nn.init.normal_(m.weight.data, 1.0, 0.02)
        nn.init.constant_(m.bias.data, 0)


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 2, 4, 1, 0, bias=False),
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf, nc, 4, 2, 1, bias=False),
            nn.Tanh(),
        )

    def forward(self, input):
        return self.main(input)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(nc, ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 2, 1, 4, 1, 0, bias=False),
            nn.Sigmoid(),
        )

    def forward(self, input):
        return self.main(input)


netG = Generator()
netG.apply(weights_init)
netD = Discriminator()
netD.apply(weights_init)
print(netG)
print(netD)
criterion = nn.BCELoss()
fixed_noise = torch.randn(4, nz, 1, 1)
optimizerD = optim.Adam(netD.parameters(), lr=0.0002, betas=(0.5, 0.999))
optimizerG = optim.Adam(netG.parameters(), lr=0.0002, betas=(0.5, 0.999))
real_batch = torch.rand(4, nc, 16, 16) * 2 - 1
for i in range(3):
    netD.zero_grad()
    label = torch.full((4,), 1.0, dtype=torch.float)
    output = netD(real_batch).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    D_x = output.mean().item()
    noise = torch.randn(4, nz, 1, 1)
    fake = netG(noise)
    label.fill_(0.0)
    output = netD(fake.detach()).view(-1)
    errD_fake = criterion(output, label)
    errD_fake.backward()
    errD = errD_real + errD_fake
    optimizerD.step()
    netG.zero_grad()
    label.fill_(1.0)
    output = netD(fake).view(-1)
    errG = criterion(output, label)
    errG.backward()
    D_G_z2 = output.mean().item()
    optimizerG.step()
    print(f"[{i}] Loss_D: {errD.item():.4f} Loss_G: {errG.item():.4f} D(x): {D_x:.4f} D(G(z)): {D_G_z2:.4f}")
with torch.no_grad():
    fake = netG(fixed_noise).detach()
print(fake.shape, fake[0, 0, :2, :4])
"""

PROGRAMS = {
    "dcgan": DCGAN,
    "logistic_regression_bce": LOGISTIC_REGRESSION_BCE,
    "cnn_classifier": CNN_CLASSIFIER,
    "batch_norm_train_eval": BATCH_NORM_TRAIN_EVAL,
    "embedding_layer_norm_lm": EMBEDDING_LAYER_NORM_LM,
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_program_prints_what_torch_prints(name):
    assert_program_runs_alike(PROGRAMS[name])
