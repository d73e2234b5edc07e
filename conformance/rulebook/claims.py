"""The source article's eight numbered claims about autograd, as data: the Chinese original and English.

Copied from the article this project started from ("基于PyTorch的深度学习3——Tensor与Autograd"); the
rules that cover a claim carry its number (``Rule.claim``) and torch's verdict on it (``Rule.verdict``).
"""

from dataclasses import dataclass

ARTICLE_TITLE = (
    "基于PyTorch的深度学习3——Tensor与Autograd (Deep learning with PyTorch 3 — Tensor and Autograd)"
)


@dataclass(frozen=True)
class Claim:
    number: int
    chinese: str
    english: str


CLAIMS: dict[int, Claim] = {
    1: Claim(
        1,
        (
            "创建叶节点(Leaf Node)的Tensor,使用requires_grad(可微分性)参数指定是否记录对其的操作,以便之后利"
            "用backward()方法进行梯度求解。requires_grad参数的缺省值为False,如果要对其求导需设置为True,然后"
            "与之有依赖关系的节点的requires_grad参数会自动变为True。"
        ),
        (
            "Leaf tensors are created with `requires_grad` to record operations on them for a later "
            "`backward()`. The default is `False`; set it to `True` to differentiate, and every node that "
            "depends on it then gets `requires_grad=True` automatically."
        ),
    ),
    2: Claim(
        2,
        (
            "可利用requires_grad_()方法修改Tensor的requires_grad属性。可以调用.detach()或with "
            "torch.no_grad():,将不再计算张量的梯度,跟踪张量的历史记录。这点在评估模型、测试模型阶段中常常用"
            "到。"
        ),
        (
            "`requires_grad_()` changes a tensor's `requires_grad`. `.detach()` or `with torch.no_grad():` "
            "stop gradient computation and history tracking; this is common when evaluating or testing a "
            "model."
        ),
    ),
    3: Claim(
        3,
        (
            "通过计算创建的Tensor(非叶子节点),会自动被赋予grad_fn(保存了函数关系)属性。该属性表示梯度函数。"
            "叶节点的grad_fn为None,因为是手动创建的初始的张量"
        ),
        (
            "Tensors created by computation (non-leaf nodes) automatically get a `grad_fn` attribute, the "
            "gradient function that records how they were computed. A leaf's `grad_fn` is `None`, because "
            "it was created by hand."
        ),
    ),
    4: Claim(
        4,
        (
            "最后得到的Tensor执行backward()函数,此时自动计算各变量的梯度,并将累加结果保存到grad属性中。计算"
            "完成后,非叶节点的梯度自动释放。"
        ),
        (
            "Calling `backward()` on the final tensor computes every variable's gradient and accumulates "
            "it into `.grad`. After the computation, the gradients of non-leaf nodes are released."
        ),
    ),
    5: Claim(
        5,
        (
            "backward()函数接收参数,该参数应和调用backward()函数的Tensor的维度相同,或者是可broadcast的维度"
            "。如果求导的Tensor为标量(即一个数字),则backward中的参数可省略。"
        ),
        (
            "`backward()` takes an argument that should have the same shape as the tensor it is called on, "
            '"or a broadcastable shape". If the tensor is a scalar, the argument may be omitted.'
        ),
    ),
    6: Claim(
        6,
        (
            "反向传播的中间缓存会被清空,如果需要进行多次反向传播,需要指定backward中的参数retain_graph=True"
            "。多次反向传播时,梯度是累加的。"
        ),
        (
            "The intermediate buffers of backpropagation are cleared; to backpropagate several times, pass "
            "`retain_graph=True`. Over several backward passes the gradients accumulate."
        ),
    ),
    7: Claim(
        7,
        "非叶节点的梯度backward调用后即被清空。",
        "The gradients of non-leaf nodes are cleared after `backward` is called.",
    ),
    8: Claim(
        8,
        (
            "可以通过用torch.no_grad()包裹代码块的形式来阻止autograd去跟踪那些标记为.requesgrad=True的张量"
            "的历史记录。这步在测试阶段经常使用。"
        ),
        (
            "Wrapping code in `torch.no_grad()` stops autograd from tracking the history of tensors marked "
            "`requires_grad=True` (the article misspells it `.requesgrad`); this is common in the test "
            "phase."
        ),
    ),
}

# The article's closing remark (not numbered): the graph is dynamic, rebuilt on every forward pass, and a DAG.
GRAPH_REMARK = Claim(
    0,
    (
        "在整个过程中,PyTorch采用计算图的形式进行组织,该计算图为动态图,且在每次前向传播时,将重新构建。"
        "其他深度学习架构,如TensorFlow、Keras一般为静态图。接下来我们介绍计算图,用图的形式来描述就更直"
        "观了,该计算图为有向无环图(DAG)"
    ),
    (
        "It adds that PyTorch builds a dynamic graph, rebuilt on every forward pass, and that the "
        "graph is a DAG."
    ),
)
GRAPH_REMARK_RULES = ("GRAPH-005", "GRAPH-006")
