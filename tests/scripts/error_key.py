# A missing dict key raises KeyError showing the key's repr.
d = {"present": 1}
print(d["present"], d.get("missing"))
print(d["missing"])
