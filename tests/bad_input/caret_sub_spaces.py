d = {}
v = d [ 'k' ] 
