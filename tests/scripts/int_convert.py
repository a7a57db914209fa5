# int() from strings, floats and bools; str() of ints.
print(int("123"), int("-17"), int("+5"), int("0"), int("007"), int("-0"))
print(int("ff", 16), int("FF", 16), int("777", 8), int("1011", 2), int("z", 36), int("10", 10))
print(int("123456789012345678901234567890"), int("-99999999999999999999"))
print(int(3.7), int(-3.7), int(0.5), int(-0.5), int(2.0), int(-0.0))
print(int(1e19), int(-1e19), int(2.9e18), int(1e30))
print(int(True), int(False), int(42), int(-(2 ** 70)))
print(str(0), str(-42), str(2 ** 70), repr(-7))
print(int(str(3 ** 100)) == 3 ** 100, int("1" + "0" * 40) == 10 ** 40)
