// PinterestStandIn
