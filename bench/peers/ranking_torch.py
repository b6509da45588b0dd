#!/usr/bin/env python3
"""Independent PyTorch implementations of TFRS's basic-ranking and DCN tutorials, peers of `reco tutorial`.

They train on the examples that `Reco.Bench tutorial-export --tutorial NAME --seed S --out F.csv` writes,
which are exactly the data, split and batch order of `reco tutorial NAME --seed S`, and reproduce the
tutorials' Keras models and training rules by hand:

- every feature looked up in the vocabulary of every rating's values (sorted, as np.unique; index 0 is the
  out-of-vocabulary row) and embedded in 32 values, uniform in +-0.05; the embeddings concatenated;
- Keras's Dense: x W + b, W Glorot-uniform (fan in, fan out), b zero; ReLU on every layer but the output;
- basic-ranking: user id and title, ReLU layers of 256 and 64, Adagrad 0.1 (accumulators from 0.1, epsilon
  1e-7), three epochs;
- dcn: movie, user, zip code, occupation, gender and age bucket; a cross layer x0 * (x0 W + b) + x0 (full
  rank, or W = U V with a projection of 20) before ReLU layers of 192 and 192, or three ReLU layers of 192
  without it; Keras's Adam (0.01, beta 0.9 / 0.999, epsilon 1e-7 added to sqrt(v), bias correction folded
  into the step size; every row of an embedding table decays and moves each step, as Keras does with a
  sparse gradient), eight epochs;
- the mean squared error over batches of 8,192, in the file's order every epoch (the tutorials cache their
  shuffled batches); test RMSE over every test rating.

Each model is trained --runs times from fresh weights (torch seeds --seed, --seed + 1, ...); the mean and
population standard deviation are printed. Needs PyTorch (Debian: apt-get install python3-torch) and NumPy.
Usage: ranking_torch.py --tutorial dcn|basic-ranking F.csv [--runs 5] [--threads 2] [--seed 0]
"""
import argparse
import csv
import math
import time

import numpy as np
import torch

# name: (feature columns, models as (name, cross projection or "full" or None, layers), optimizer, epochs)
TUTORIALS = {
    "basic-ranking": (["user", "title"], [("ranking model (user id, title -> rating)", None, [256, 64])], "adagrad", 3),
    "dcn": (["movie", "user", "zip", "occupation", "gender", "age_bucket"],
            [("DCN (stacked, full rank)", "full", [192, 192]),
             ("DCN (low-rank, projection 20)", 20, [192, 192]),
             ("DNN [192, 192, 192]", None, [192, 192, 192])], "adam", 8),
}


def load(path, features):
    shares = {"all": [], "train": [], "test": []}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            shares[row["share"]].append(row)
    vocabularies = {name: {v: i + 1 for i, v in enumerate(np.unique([r[name] for r in shares["all"]]))} for name in features}

    def tensors(rows):
        x = torch.tensor([[vocabularies[name].get(r[name], 0) for name in features] for r in rows], dtype=torch.long)
        y = torch.tensor([float(r["rating"]) for r in rows], dtype=torch.float32)
        return x, y

    return vocabularies, tensors(shares["train"]), tensors(shares["test"])


def glorot(fan_in, fan_out):
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return torch.nn.Parameter(torch.empty(fan_in, fan_out).uniform_(-limit, limit))


class Dense(torch.nn.Module):
    def __init__(self, fan_in, fan_out, relu, bias=True):
        super().__init__()
        self.kernel = glorot(fan_in, fan_out)
        self.bias = torch.nn.Parameter(torch.zeros(fan_out)) if bias else None
        self.relu = relu

    def forward(self, x):
        y = x @ self.kernel
        if self.bias is not None:
            y = y + self.bias
        return torch.relu(y) if self.relu else y


class Cross(torch.nn.Module):
    """tfrs.layers.dcn.Cross applied to its own input: x0 * (x0 W + b) + x0."""

    def __init__(self, dim, projection):
        super().__init__()
        self.layers = torch.nn.Sequential(Dense(dim, dim, relu=False)) if projection == "full" else \
            torch.nn.Sequential(Dense(dim, projection, relu=False, bias=False), Dense(projection, dim, relu=False))

    def forward(self, x0):
        return x0 * self.layers(x0) + x0


class Model(torch.nn.Module):
    def __init__(self, vocabularies, features, cross, layers, dim=32):
        super().__init__()
        self.embeddings = torch.nn.ParameterList(
            [torch.nn.Parameter(torch.empty(len(vocabularies[name]) + 1, dim).uniform_(-0.05, 0.05)) for name in features])
        width = dim * len(features)
        self.cross = Cross(width, cross) if cross is not None else None
        self.deep = torch.nn.ModuleList()
        for units in layers:
            self.deep.append(Dense(width, units, relu=True))
            width = units
        self.output = Dense(width, 1, relu=False)

    def forward(self, x):
        h = torch.cat([table[x[:, j]] for j, table in enumerate(self.embeddings)], dim=1)
        if self.cross is not None:
            h = self.cross(h)
        for layer in self.deep:
            h = layer(h)
        return self.output(h).squeeze(1)


class KerasAdam:
    """Keras's Adam, applied densely to every parameter (embedding tables included, as Keras does)."""

    def __init__(self, params, lr=0.01, beta1=0.9, beta2=0.999, epsilon=1e-7):
        self.params = list(params)
        self.lr, self.beta1, self.beta2, self.epsilon = lr, beta1, beta2, epsilon
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]
        self.t = 0

    @torch.no_grad()
    def step(self):
        self.t += 1
        lr_t = self.lr * math.sqrt(1 - self.beta2 ** self.t) / (1 - self.beta1 ** self.t)
        for p, m, v in zip(self.params, self.m, self.v):
            m.mul_(self.beta1).add_(p.grad, alpha=1 - self.beta1)
            v.mul_(self.beta2).addcmul_(p.grad, p.grad, value=1 - self.beta2)
            p.sub_(lr_t * m / (v.sqrt() + self.epsilon))
            p.grad = None


class KerasAdagrad:
    """Keras's Adagrad. Rows without a gradient have a zero one here, which leaves them as Keras's sparse update does."""

    def __init__(self, params, lr=0.1, initial=0.1, epsilon=1e-7):
        self.params = list(params)
        self.lr, self.epsilon = lr, epsilon
        self.accumulators = [torch.full_like(p, initial) for p in self.params]

    @torch.no_grad()
    def step(self):
        for p, a in zip(self.params, self.accumulators):
            a.addcmul_(p.grad, p.grad)
            p.sub_(self.lr * p.grad / (a.sqrt() + self.epsilon))
            p.grad = None


def run(vocabularies, features, train, test, cross, layers, optimizer, epochs, batch, seed):
    torch.manual_seed(seed)
    model = Model(vocabularies, features, cross, layers)
    step = KerasAdam(model.parameters()) if optimizer == "adam" else KerasAdagrad(model.parameters())
    x, y = train
    start = time.perf_counter()
    for _ in range(epochs):
        for i in range(0, len(y), batch):
            torch.mean((model(x[i:i + batch]) - y[i:i + batch]) ** 2).backward()
            step.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        tx, ty = test
        error = (model(tx).double() - ty.double()) ** 2
    return math.sqrt(error.mean().item()), seconds / epochs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("examples")
    parser.add_argument("--tutorial", choices=sorted(TUTORIALS), required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--batch", type=int, default=8192)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0, help="first run's torch seed; run r uses seed + r")
    args = parser.parse_args()
    features, models, optimizer, epochs = TUTORIALS[args.tutorial]
    epochs = args.epochs or epochs
    torch.set_num_threads(args.threads)
    vocabularies, train, test = load(args.examples, features)
    print(f"{args.examples}: {args.tutorial}, {len(train[1]):,} training, {len(test[1]):,} test; torch {torch.__version__}, {args.threads} threads")
    print(f"{'model':<42}{'rmse mean':>10}{'sd':>8}  runs")
    for name, cross, layers in models:
        results = [run(vocabularies, features, train, test, cross, layers, optimizer, epochs, args.batch, args.seed + r) for r in range(args.runs)]
        rmses = np.array([r for r, _ in results])
        print(f"{name:<42}{rmses.mean():>10.4f}{rmses.std():>8.4f}  {' '.join(f'{r:.4f}' for r in rmses)}")


if __name__ == "__main__":
    main()
