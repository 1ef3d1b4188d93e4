print("segsync")
