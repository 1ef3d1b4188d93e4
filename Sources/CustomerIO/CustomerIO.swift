// CustomerIO
