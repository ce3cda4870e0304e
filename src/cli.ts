console.log('mathpost');
