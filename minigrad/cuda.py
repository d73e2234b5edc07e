"""torch.cuda as a CPU-only build of torch has it: no GPU, so programs that check take the CPU path."""


def is_available():
    return False


def device_count():
    return 0
