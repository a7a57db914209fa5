# Private names (__x) are mangled with the class name, so subclasses keep their own.
class A:
    __count = 0
    def __init__(self):
        self.__secret = 1
        A.__count += 1
    def __private(self):
        return self.__secret
    def get(self):
        return self.__private() + A.__count
class B(A):
    def __init__(self):
        super().__init__()
        self.__secret = 2
    def mine(self):
        return self.__secret
b = B()
print(b.get(), b.mine(), sorted(k for k in vars(b)), hasattr(b, "__secret"), b._A__secret, b._B__secret)
print("_A__private" in dir(A), "_A__count" in dir(A))
