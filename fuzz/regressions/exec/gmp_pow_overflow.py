# Floor division and modulo round tow5 % ( *2* 70))
print(-1 // 10 ** 30, -1 % 10 ** 9223372036854775807 % -2)
